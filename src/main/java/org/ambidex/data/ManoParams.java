package org.ambidex.data;

import java.util.Arrays;

/**
 * One hand's MANO parameters as InterHand2.6M stores them: 48 axis-angle values (the root orientation, then
 * 15 finger joints in MANO joint order 1..15 as <em>offsets from the model's {@code hands_mean}</em>), 10 shape
 * coefficients and a translation in metres, added after posing. Whether the root orientation and the
 * translation are in world or camera coordinates is said by the holder (see {@link Sample}).
 */
public final class ManoParams {

    public static final int POSE_SIZE = 48;
    public static final int SHAPE_SIZE = 10;

    private final double[] pose;
    private final double[] shape;
    private final double[] trans;

    /**
     * @param pose 48 values: root axis-angle (3), then 15 x 3 finger axis-angles relative to the hand mean, radians
     * @param shape 10 shape coefficients
     * @param trans translation, metres
     */
    public ManoParams(double[] pose, double[] shape, double[] trans) {
        check(pose, POSE_SIZE, "pose");
        check(shape, SHAPE_SIZE, "shape");
        check(trans, 3, "trans");
        this.pose = pose.clone();
        this.shape = shape.clone();
        this.trans = trans.clone();
    }

    private static void check(double[] a, int n, String what) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(what + " needs " + n + " values, got "
                + (a == null ? "none" : a.length));
        }
    }

    /** The 48 pose values (a copy). */
    public double[] pose() {
        return pose.clone();
    }

    /** The root (global) orientation, axis-angle, radians (a copy of {@code pose[0:3]}). */
    public double[] rootPose() {
        return Arrays.copyOfRange(pose, 0, 3);
    }

    /** The 45 finger values, offsets from the hand mean (a copy of {@code pose[3:48]}). */
    public double[] fingerPose() {
        return Arrays.copyOfRange(pose, 3, POSE_SIZE);
    }

    /** The 10 shape coefficients (a copy). */
    public double[] shape() {
        return shape.clone();
    }

    /** The translation, metres (a copy). */
    public double[] trans() {
        return trans.clone();
    }

    /** These parameters with another root orientation and translation (finger pose and shape kept). */
    public ManoParams withRootAndTrans(double[] rootPose, double[] newTrans) {
        double[] p = pose.clone();
        System.arraycopy(rootPose, 0, p, 0, 3);
        return new ManoParams(p, shape, newTrans);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManoParams m && Arrays.equals(pose, m.pose) && Arrays.equals(shape, m.shape)
            && Arrays.equals(trans, m.trans);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(pose) + Arrays.hashCode(shape)) + Arrays.hashCode(trans);
    }

    @Override
    public String toString() {
        return "ManoParams[pose=" + Arrays.toString(pose) + ", shape=" + Arrays.toString(shape) + ", trans="
            + Arrays.toString(trans) + "]";
    }
}
