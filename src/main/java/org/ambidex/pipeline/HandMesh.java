package org.ambidex.pipeline;

import java.util.Map;

/**
 * The mesh and hand-model parameters of one reconstructed hand (mesh networks only).
 *
 * @param vertices V x 3 packed vertices, metres, camera frame (OpenCV)
 * @param faces F x 3 packed vertex indices (the hand model's triangles)
 * @param handModel the hand model the parameters belong to ({@code open}, a MANO path)
 * @param parameters named parameter arrays: {@code global_orient} (3, axis-angle, camera frame),
 *     {@code hand_pose_pca} (45 PCA coefficients, hand mean not flat), {@code hand_pose} (45 axis-angles relative
 *     to the hand mean), {@code betas} (10), {@code transl} (3, metres: added after posing about the rest wrist);
 *     a network may add its own (S2HAND: {@code lights})
 * @param vertexColors V x 3 packed sRGB colours in [0, 1] estimated by the network (S2HAND's texture head), or
 *     {@code null} when it estimates none
 */
public record HandMesh(double[] vertices, int[] faces, String handModel, Map<String, double[]> parameters,
                       double[] vertexColors) {

    public HandMesh {
        vertices = vertices.clone();
        faces = faces.clone();
        parameters = Map.copyOf(parameters);
        if (vertexColors != null && vertexColors.length != vertices.length) {
            throw new IllegalArgumentException("one colour per vertex: " + vertexColors.length / 3 + " colours, "
                + vertices.length / 3 + " vertices");
        }
        vertexColors = vertexColors == null ? null : vertexColors.clone();
    }

    /** A mesh without colours. */
    public HandMesh(double[] vertices, int[] faces, String handModel, Map<String, double[]> parameters) {
        this(vertices, faces, handModel, parameters, null);
    }

    @Override
    public double[] vertexColors() {
        return vertexColors == null ? null : vertexColors.clone();
    }

    @Override
    public double[] vertices() {
        return vertices.clone();
    }

    @Override
    public int[] faces() {
        return faces.clone();
    }
}
