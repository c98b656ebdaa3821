package org.ambidex.eval;

import java.util.Arrays;

/**
 * Ground truth of one hand in one frame.
 *
 * @param joints 21 x 3 packed joint positions, metres, camera frame, OpenPose order
 * @param jointValid 21 flags: whether each joint is annotated (invalid joints are ignored where the protocol
 *     uses validity)
 * @param vertices V x 3 packed mesh vertices (metres, camera frame), or null when the dataset has none
 */
public record HandTruth(double[] joints, boolean[] jointValid, double[] vertices) {

    public HandTruth {
        Checks.points(joints, Hands.JOINTS, "ground-truth joints");
        if (jointValid.length != Hands.JOINTS) {
            throw new IllegalArgumentException("joint validity needs 21 flags, got " + jointValid.length);
        }
        joints = joints.clone();
        jointValid = jointValid.clone();
        if (vertices != null) {
            Checks.points(vertices, -1, "ground-truth vertices");
            vertices = vertices.clone();
        }
    }

    /** A hand with every joint valid. */
    public static HandTruth allValid(double[] joints, double[] vertices) {
        boolean[] valid = new boolean[Hands.JOINTS];
        Arrays.fill(valid, true);
        return new HandTruth(joints, valid, vertices);
    }

    @Override
    public double[] joints() {
        return joints.clone();
    }

    @Override
    public boolean[] jointValid() {
        return jointValid.clone();
    }

    @Override
    public double[] vertices() {
        return vertices == null ? null : vertices.clone();
    }

    boolean valid(int joint) {
        return jointValid[joint];
    }

    double[] jointsView() {
        return joints;
    }

    double[] verticesView() {
        return vertices;
    }

    boolean hasVertices() {
        return vertices != null;
    }
}
