package org.ambidex.synth;

import java.util.random.RandomGenerator;
import org.ambidex.hand.Finger;
import org.ambidex.hand.HandJoint;
import org.ambidex.hand.JointOrder;

/**
 * Finger postures in anatomical angles (degrees): per finger the flexion of its three joints (base, middle,
 * last; for the thumb CMC, MCP, IP) and the base joint's abduction. {@link #angles} adds seeded jitter and clips
 * to joint limits, giving {@code [16][3]} radians for {@link HandRig#fingerPose}.
 */
enum FingerPreset {
    FLAT(new double[][] {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}),
    OPEN(new double[][] {{5, 5, 5, 15}, {5, 5, 3, 6}, {5, 5, 3, 0}, {5, 5, 3, -6}, {5, 5, 3, -12}}),
    RELAXED(new double[][] {{15, 15, 15, 10}, {20, 25, 15, 3}, {25, 30, 18, 0}, {28, 32, 20, -3}, {30, 35, 20, -6}}),
    FIST(new double[][] {{35, 45, 50, 20}, {85, 100, 65, 0}, {88, 100, 65, 0}, {88, 100, 65, 0}, {85, 100, 65, 0}}),
    POINT(new double[][] {{30, 40, 40, 15}, {0, 3, 3, 0}, {88, 100, 65, 0}, {88, 100, 65, 0}, {85, 100, 65, 0}}),
    PINCH(new double[][] {{30, 25, 20, 35}, {35, 45, 25, 0}, {25, 30, 20, 0}, {25, 30, 20, -3}, {25, 30, 20, -6}}),
    CLASP(new double[][] {{15, 15, 10, 10}, {55, 65, 35, 8}, {55, 65, 35, 0}, {55, 65, 35, -8}, {55, 65, 35, -12}});

    /** Flexion limits (degrees) of base, middle and last joints, fingers; thumb. */
    private static final double[][] FINGER_FLEX = {{-30, 90}, {0, 105}, {-10, 80}};
    private static final double[][] THUMB_FLEX = {{-20, 50}, {-10, 60}, {-20, 85}};
    private static final double ABDUCTION_LIMIT = 30;
    private static final double TWIST_LIMIT = 8;

    private final double[][] degrees;

    FingerPreset(double[][] degrees) {
        this.degrees = degrees;
    }

    /**
     * The posture with each angle moved by {@code N(0, jitter)} degrees, clipped to the joint limits, as
     * {@code [16][3]} radians indexed by MANO joint (row 0 unused).
     */
    double[][] angles(RandomGenerator random, double jitter) {
        double[][] out = new double[16][3];
        for (Finger f : Finger.values()) {
            double[] d = degrees[f.ordinal()];
            double[][] limits = f == Finger.THUMB ? THUMB_FLEX : FINGER_FLEX;
            for (int level = 1; level <= 3; level++) {
                int j = JointOrder.MANO16.indexOf(HandJoint.of(f, level));
                double flex = clip(d[level - 1] + jitter * random.nextGaussian(), limits[level - 1]);
                double abd = level == 1 ? clip(d[3] + jitter * 0.5 * random.nextGaussian(), ABDUCTION_LIMIT) : 0;
                double twist = clip(jitter * 0.3 * random.nextGaussian(), TWIST_LIMIT);
                out[j] = new double[] {Math.toRadians(flex), Math.toRadians(abd), Math.toRadians(twist)};
            }
        }
        return out;
    }

    private static double clip(double v, double[] range) {
        return Math.max(range[0], Math.min(range[1], v));
    }

    private static double clip(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }
}
