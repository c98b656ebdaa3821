package org.ambidex.hand.open;

/**
 * The rest skeleton built from a {@link HandAnatomy}, in the hand frame ({@code s} distal, {@code t} radial,
 * {@code h} dorsal; metres): per digit, its four chain points (three joints and the fingertip) and per
 * segment an orthonormal frame (distal axis, dorsal normal, radial side).
 *
 * <p>{@link #toModelFrame(double[])} maps the hand frame into MANO's right-hand frame.
 */
final class RestSkeleton {

    /** MANO joint index of the first joint of each digit (thumb, index, middle, ring, pinky). */
    static final int[] FIRST_JOINT = {13, 1, 4, 10, 7};
    /** MANO parents, root = -1 (SEED_SPEC D.1). */
    static final int[] PARENTS = {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14};
    /** Where the wrist joint sits in the model frame (m), near MANO's rest wrist. */
    static final double[] WRIST = {0.095, 0.006, 0.006};

    final HandAnatomy anatomy;
    /** [digit][point 0..3][3]: joints 1..3 of the chain and the tip, hand frame. */
    final double[][][] chain;
    /** [digit][segment][3] unit distal axis of each segment. */
    final double[][][] axis;
    /** [digit][segment][3] unit dorsal normal of each segment (orthogonal to its axis). */
    final double[][][] dorsal;
    /** [digit][point] chain coordinate (m, arc length from the first joint) of each chain point. */
    final double[][] station;

    RestSkeleton(HandAnatomy anatomy) {
        this.anatomy = anatomy;
        chain = new double[5][4][];
        axis = new double[5][3][];
        dorsal = new double[5][3][];
        station = new double[5][4];
        for (int d = 0; d < 5; d++) {
            HandAnatomy.Digit g = anatomy.digits()[d];
            chain[d][0] = g.base().clone();
            for (int k = 0; k < 3; k++) {
                double yaw = Math.toRadians(g.yawDeg()[k]);
                double pitch = Math.toRadians(g.pitchDeg()[k]);
                double[] a = Vec3Arrays.of(StrictMath.cos(pitch) * StrictMath.cos(yaw),
                    StrictMath.cos(pitch) * StrictMath.sin(yaw), StrictMath.sin(pitch));
                axis[d][k] = a;
                // The thumb's nail faces the radial side in the rest hand; the fingers' nails face dorsally.
                double[] reference = d == 0 ? Vec3Arrays.of(-0.15, 0.72, 0.68) : Vec3Arrays.of(0, 0, 1);
                dorsal[d][k] = Vec3Arrays.orthoUnit(reference, a);
                chain[d][k + 1] = Vec3Arrays.axpy(chain[d][k], g.lengths()[k], a);
                station[d][k + 1] = station[d][k] + g.lengths()[k];
            }
        }
    }

    /** Radial side direction of a segment: dorsal x axis, so (radial, dorsal, axis) is right-handed. */
    double[] radial(int digit, int segment) {
        return Vec3Arrays.cross(dorsal[digit][segment], axis[digit][segment]);
    }

    /** The 16 rest joints in MANO order, model frame, as {@code [16][3]}. */
    double[][] jointsModelFrame() {
        double[][] joints = new double[16][];
        joints[0] = toModelFrame(Vec3Arrays.of(0, 0, 0));
        for (int d = 0; d < 5; d++) {
            for (int k = 0; k < 3; k++) {
                joints[FIRST_JOINT[d] + k] = toModelFrame(chain[d][k]);
            }
        }
        return joints;
    }

    /** The five fingertip points (thumb first), model frame. */
    double[][] tipsModelFrame() {
        double[][] tips = new double[5][];
        for (int d = 0; d < 5; d++) {
            tips[d] = toModelFrame(chain[d][3]);
        }
        return tips;
    }

    /** A point of the hand frame in the model (MANO right-hand) frame: x = -s, y = h, z = t, shifted. */
    static double[] toModelFrame(double[] sth) {
        return new double[] {WRIST[0] - sth[0], WRIST[1] + sth[2], WRIST[2] + sth[1]};
    }

    /** A direction of the hand frame in the model frame. */
    static double[] directionToModelFrame(double[] sth) {
        return new double[] {-sth[0], sth[2], sth[1]};
    }
}
