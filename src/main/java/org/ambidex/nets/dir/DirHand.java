package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;

/**
 * One hand as a DIR stage decodes it (B = batch).
 *
 * @param parameters (B,64): 6-D root rotation, 45 PCA coefficients, 10 betas, then the weak-perspective camera
 *     (s, tx, ty)
 * @param vertices (B,778,3) metres, relative to the wrist
 * @param joints (B,21,3) metres, OpenPose order, relative to the wrist
 * @param jointUv (B,21,2) {@code s * joints.xy + t}: the crop's [-1, 1] coordinates
 * @param vertexUv (B,778,2) the same for the vertices
 * @param wrist (B,1,3) the wrist the layer's output was moved by (metres, the hand model's frame)
 */
public record DirHand(NDArray parameters, NDArray vertices, NDArray joints, NDArray jointUv, NDArray vertexUv,
                      NDArray wrist) {

    /** Index of the first camera entry in {@link #parameters()}. */
    public static final int CAMERA = ManoPcaLayer.POSE + ManoPcaLayer.BETAS;
    /** Length of {@link #parameters()}. */
    public static final int SIZE = CAMERA + 3;

    /** Decodes {@code parameters} (B,64) through {@code layer}. */
    static DirHand decode(ManoPcaLayer layer, NDArray parameters, ai.djl.training.ParameterStore store,
                          boolean training) {
        var out = layer.decode(store, parameters.get(":, 0:" + ManoPcaLayer.POSE),
            parameters.get(":, " + ManoPcaLayer.POSE + ":" + CAMERA), training);
        NDArray camera = parameters.get(":, " + CAMERA + ":" + SIZE);
        NDArray s = camera.get(":, 0:1").expandDims(2);   // (B,1,1)
        NDArray t = camera.get(":, 1:3").expandDims(1);   // (B,1,2)
        NDArray vertices = out.get(0);
        NDArray joints = out.get(1);
        return new DirHand(parameters, vertices, joints, s.mul(joints.get(":, :, 0:2")).add(t),
            s.mul(vertices.get(":, :, 0:2")).add(t), out.get(2));
    }
}
