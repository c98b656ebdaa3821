package org.ambidex.eval;

/**
 * A predicted hand in one frame.
 *
 * @param joints 21 x 3 packed joints, metres, camera frame, OpenPose order; null for a 2-D-only hand (then
 *     {@code joints2d} is required, and the 3-D protocols refuse the hand)
 * @param vertices V x 3 packed vertices (metres, camera frame), or null
 * @param presence probability that the hand is in the frame, in [0, 1], or NaN when the predictor gave none
 *     (a predicted hand without a presence counts as present)
 * @param joints2d 21 x 2 packed pixel positions in the frame's image, or null
 */
public record HandPrediction(double[] joints, double[] vertices, double presence, double[] joints2d) {

    public HandPrediction {
        if (joints == null && joints2d == null) {
            throw new IllegalArgumentException("a predicted hand needs 3-D joints or 2-D joints");
        }
        if (joints != null) {
            Checks.points(joints, Hands.JOINTS, "predicted joints");
            joints = joints.clone();
        }
        if (vertices != null) {
            Checks.points(vertices, -1, "predicted vertices");
            vertices = vertices.clone();
        }
        if (!Double.isNaN(presence) && (presence < 0 || presence > 1)) {
            throw new IllegalArgumentException("presence must be in [0, 1], got " + presence);
        }
        if (joints2d != null) {
            if (joints2d.length != 2 * Hands.JOINTS) {
                throw new IllegalArgumentException("2-D joints need 21 x 2 values, got " + joints2d.length);
            }
            Checks.finite(joints2d, "predicted 2-D joints");
            joints2d = joints2d.clone();
        }
    }

    /** Joints only. */
    public static HandPrediction ofJoints(double[] joints) {
        return new HandPrediction(joints, null, Double.NaN, null);
    }

    /** 2-D joints only (21 x 2 packed pixels), with a presence (NaN: none given). */
    public static HandPrediction of2d(double[] joints2d, double presence) {
        return new HandPrediction(null, null, presence, joints2d);
    }

    /** The 3-D joints, or null for a 2-D-only hand. */
    @Override
    public double[] joints() {
        return joints == null ? null : joints.clone();
    }

    /** Whether the hand has 3-D joints. */
    public boolean hasJoints3d() {
        return joints != null;
    }

    @Override
    public double[] vertices() {
        return vertices == null ? null : vertices.clone();
    }

    @Override
    public double[] joints2d() {
        return joints2d == null ? null : joints2d.clone();
    }

    /** The presence probability used for handedness: 1 when none was given. */
    public double presenceOrOne() {
        return Double.isNaN(presence) ? 1 : presence;
    }

    double[] jointsView() {
        return joints;
    }

    double[] verticesView() {
        return vertices;
    }

    double[] joints2dView() {
        return joints2d;
    }

    boolean hasVertices() {
        return vertices != null;
    }
}
