package org.ambidex.hand.open;

import java.util.SplittableRandom;

/**
 * The anatomical pose prior of the open hand: per joint three axes (flexion, abduction, twist) in the rest
 * frame, their ranges, and a sampler of plausible hand poses (fingers flex together, the distal joint
 * follows the middle one, fingers close their spread as they flex) from which the pose PCA is made.
 *
 * <p>Positive flexion curls a digit towards the palm, positive abduction moves it towards the thumb side,
 * positive twist turns it about its own distal axis (right-handed). A joint's rotation is
 * {@code R = R(flexion axis, f) R(abduction axis, a) R(twist axis, t)}, which as an axis-angle vector in
 * MANO's frame is the joint's pose parameter. Ranges: docs/HAND_MODEL.md ("Joint limits").
 */
final class PosePrior {

    /** Per MANO joint, limits in degrees: {flexMin, flexMax, abdMin, abdMax, twistMin, twistMax}. */
    static final double[][] LIMITS_DEG = {
        {-180, 180, -180, 180, -180, 180},   // 0 wrist: the global orientation is free
        {-30, 90, -15, 20, -10, 10},         // 1 index MCP
        {0, 100, -5, 5, -5, 5},              // 2 index PIP
        {-10, 80, -5, 5, -5, 5},             // 3 index DIP
        {-30, 90, -15, 15, -10, 10},         // 4 middle MCP
        {0, 100, -5, 5, -5, 5},              // 5 middle PIP
        {-10, 80, -5, 5, -5, 5},             // 6 middle DIP
        {-30, 90, -30, 10, -10, 10},         // 7 pinky MCP
        {0, 100, -5, 5, -5, 5},              // 8 pinky PIP
        {-10, 80, -5, 5, -5, 5},             // 9 pinky DIP
        {-30, 90, -20, 10, -10, 10},         // 10 ring MCP
        {0, 100, -5, 5, -5, 5},              // 11 ring PIP
        {-10, 80, -5, 5, -5, 5},             // 12 ring DIP
        {-20, 33, -12, 30, -8, 10},          // 13 thumb CMC
        {-10, 55, -10, 10, -10, 10},         // 14 thumb MCP
        {-20, 80, -5, 5, -5, 5},             // 15 thumb IP
    };

    /** Digit (0 thumb .. 4 pinky) of each MANO joint 1..15; joint 0 has none. */
    static final int[] DIGIT_OF_JOINT = {-1, 1, 1, 1, 2, 2, 2, 4, 4, 4, 3, 3, 3, 0, 0, 0};

    private final double[][][] axes;

    PosePrior(RestSkeleton skeleton) {
        axes = axes(skeleton);
    }

    /** Joint axes {@code [16][3][3]}: per joint the flexion, abduction and twist unit axes, model frame. */
    static double[][][] axes(RestSkeleton skeleton) {
        double[][][] out = new double[16][][];
        out[0] = frameAxes(Vec3Arrays.of(1, 0, 0), Vec3Arrays.of(0, 0, 1));
        for (int d = 0; d < 5; d++) {
            for (int k = 0; k < 3; k++) {
                out[RestSkeleton.FIRST_JOINT[d] + k] = frameAxes(skeleton.axis[d][k], skeleton.dorsal[d][k]);
            }
        }
        return out;
    }

    private static double[][] frameAxes(double[] distal, double[] dorsal) {
        double[] flexion = Vec3Arrays.cross(dorsal, distal);
        return new double[][] {RestSkeleton.directionToModelFrame(flexion), RestSkeleton.directionToModelFrame(dorsal),
            RestSkeleton.directionToModelFrame(distal)};
    }

    double[][][] axes() {
        return axes;
    }

    /** Limits in radians {@code [16][3][2]} (min, max per axis). */
    static double[][][] limitsRadians() {
        double[][][] out = new double[16][3][2];
        for (int j = 0; j < 16; j++) {
            for (int a = 0; a < 3; a++) {
                out[j][a][0] = Math.toRadians(LIMITS_DEG[j][2 * a]);
                out[j][a][1] = Math.toRadians(LIMITS_DEG[j][2 * a + 1]);
            }
        }
        return out;
    }

    /** The axis-angle vector of joint {@code j} turned by (flexion, abduction, twist) radians. */
    double[] axisAngle(int j, double flexion, double abduction, double twist) {
        double[] r = RotationArrays.multiply(RotationArrays.about(axes[j][0], flexion),
            RotationArrays.multiply(RotationArrays.about(axes[j][1], abduction),
                RotationArrays.about(axes[j][2], twist)));
        return RotationArrays.toAxisAngle(r);
    }

    /** Spread direction of each finger's MCP abduction when the hand opens (degrees, index .. pinky). */
    private static final double[] SPREAD_DEG = {0, 12, 2, -9, -18};

    /** One plausible pose: 45 values, axis-angle of joints 1..15 in MANO order (radians). */
    double[] sample(SplittableRandom random) {
        double closure = StrictMath.pow(random.nextDouble(), 1.2);
        double spread = 0.35 + 0.45 * Gaussian.next(random);
        double[][] angles = new double[16][3];
        for (int d = 1; d < 5; d++) {
            double g = clamp01(closure + 0.18 * Gaussian.next(random));
            int j = RestSkeleton.FIRST_JOINT[d];
            angles[j][0] = Math.toRadians(-5 + 90 * g + 6 * Gaussian.next(random));
            angles[j][1] = Math.toRadians(SPREAD_DEG[d] * spread * (1 - g) + 3 * Gaussian.next(random));
            angles[j][2] = Math.toRadians(3 * Gaussian.next(random));
            double pip = 95 * clamp01(g + 0.10 * Gaussian.next(random));
            angles[j + 1][0] = Math.toRadians(pip);
            angles[j + 1][1] = Math.toRadians(1.5 * Gaussian.next(random));
            angles[j + 1][2] = Math.toRadians(1.5 * Gaussian.next(random));
            // The distal joint follows the middle one at about two thirds of its angle.
            angles[j + 2][0] = Math.toRadians(0.67 * pip + 5 * Gaussian.next(random));
            angles[j + 2][1] = Math.toRadians(1.5 * Gaussian.next(random));
            angles[j + 2][2] = Math.toRadians(1.5 * Gaussian.next(random));
        }
        double g = clamp01(closure + 0.25 * Gaussian.next(random));
        angles[13][0] = Math.toRadians(-10 + 45 * g + 8 * Gaussian.next(random));
        angles[13][1] = Math.toRadians(10 - 20 * g + 12 * Gaussian.next(random));
        angles[13][2] = Math.toRadians(20 * g + 6 * Gaussian.next(random));
        angles[14][0] = Math.toRadians(45 * g + 8 * Gaussian.next(random));
        angles[14][1] = Math.toRadians(3 * Gaussian.next(random));
        angles[14][2] = Math.toRadians(3 * Gaussian.next(random));
        angles[15][0] = Math.toRadians(60 * g + 10 * Gaussian.next(random));
        angles[15][1] = Math.toRadians(1.5 * Gaussian.next(random));
        angles[15][2] = Math.toRadians(1.5 * Gaussian.next(random));
        double[] pose = new double[45];
        for (int j = 1; j < 16; j++) {
            for (int a = 0; a < 3; a++) {
                angles[j][a] = Math.max(Math.toRadians(LIMITS_DEG[j][2 * a]),
                    Math.min(Math.toRadians(LIMITS_DEG[j][2 * a + 1]), angles[j][a]));
            }
            double[] w = axisAngle(j, angles[j][0], angles[j][1], angles[j][2]);
            System.arraycopy(w, 0, pose, 3 * (j - 1), 3);
        }
        return pose;
    }

    private static double clamp01(double x) {
        return Math.max(0, Math.min(1, x));
    }

    /**
     * PCA of {@code count} sampled poses, like MANO's: {mean (45), components (45*45 row-major, rows are
     * components ordered by variance, each scaled by its standard deviation so coefficients have unit
     * variance), variances (45)}.
     */
    PoseSpace pca(SplittableRandom random, int count) {
        double[][] samples = new double[count][];
        double[] mean = new double[45];
        for (int i = 0; i < count; i++) {
            samples[i] = sample(random);
            for (int k = 0; k < 45; k++) {
                mean[k] += samples[i][k] / count;
            }
        }
        double[] cov = new double[45 * 45];
        for (double[] s : samples) {
            for (int a = 0; a < 45; a++) {
                double da = s[a] - mean[a];
                for (int b = 0; b < 45; b++) {
                    cov[a * 45 + b] += da * (s[b] - mean[b]) / (count - 1);
                }
            }
        }
        double[][] eig = DenseMath.symmetricEigen(cov, 45);
        double[] components = new double[45 * 45];
        for (int c = 0; c < 45; c++) {
            double sd = Math.sqrt(Math.max(0, eig[0][c]));
            for (int k = 0; k < 45; k++) {
                components[c * 45 + k] = sd * eig[1][k * 45 + c];
            }
        }
        return new PoseSpace(mean, components, eig[0]);
    }

    /** The pose PCA: see {@link #pca(SplittableRandom, int)}. */
    record PoseSpace(double[] mean, double[] components, double[] variances) {
    }
}
