package org.ambidex.train.intaghand;

import java.util.random.RandomGenerator;
import org.ambidex.geom.Affine2;

/**
 * One draw of IntagHand's training augmentation ({@code core/loader.py: handDataset} as {@code core/gcn_trainer.py}
 * builds it from {@code DATA_AUGMENT} THETA 90, SCALE 0.1, UV 0): a rotation in {@code U(-90, 90)} degrees and a
 * scale in {@code U(0.9, 1.1)} about the crop's centre, no shift, a horizontal flip with probability 0.5, and
 * {@code imgUtils.add_noise}'s colour change (a gain per channel in {@code U(0.7, 1.3)}, an offset in
 * {@code 255 * 0.05 * U(-1, 1)}; its Gaussian noise has deviation {@code noise} 0, so it adds nothing).
 *
 * @param theta rotation, degrees
 * @param scale zoom factor
 * @param flip mirror left-right and swap the hands
 * @param gains colour gain per channel of the BGR image the reference holds (B, G, R)
 * @param offset added to every channel, 8-bit levels
 */
public record IntagHandAugmentation(double theta, double scale, boolean flip, double[] gains, double offset) {

    /** {@code DATA_AUGMENT.THETA}, degrees. */
    public static final double THETA = 90;
    /** {@code DATA_AUGMENT.SCALE}. */
    public static final double SCALE = 0.1;
    /** {@code add_noise}'s {@code alpha}. */
    public static final double GAIN = 0.3;
    /** {@code add_noise}'s {@code beta} times its {@code scale} 255. */
    public static final double OFFSET = 255 * 0.05;
    /** The reference's degrees-to-radians factor ({@code 3.14159 / 180}, not pi). */
    static final double RADIANS_PER_DEGREE = 3.14159 / 180;

    public IntagHandAugmentation {
        if (gains.length != 3) {
            throw new IllegalArgumentException("3 colour gains needed, got " + gains.length);
        }
        gains = gains.clone();
    }

    @Override
    public double[] gains() {
        return gains.clone();
    }

    /** No augmentation ({@code --no-augment}). */
    public static IntagHandAugmentation none() {
        return new IntagHandAugmentation(0, 1, false, new double[] {1, 1, 1}, 0);
    }

    /**
     * A draw from {@code random} in the reference's order (angle, scale, the two shifts it draws and multiplies by
     * 0, the flip coin, then the three gains and the offset). The distributions are the reference's; the stream is
     * Java's, so the draws are not NumPy's.
     */
    public static IntagHandAugmentation sample(RandomGenerator random) {
        double theta = uniform(random, -THETA, THETA);
        double scale = uniform(random, 1 - SCALE, 1 + SCALE);
        random.nextDouble();
        random.nextDouble();
        boolean flip = random.nextDouble() > 0.5;
        double[] gains = new double[3];
        for (int c = 0; c < 3; c++) {
            gains[c] = uniform(random, 1 - GAIN, 1 + GAIN);
        }
        double offset = OFFSET * (2 * random.nextDouble() - 1);
        return new IntagHandAugmentation(theta, scale, flip, gains, offset);
    }

    private static double uniform(RandomGenerator random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /**
     * The 2-D map of {@code imgUtils.get_affine_mat} for a {@code size x size} crop: rotation about the centre
     * {@code (size/2, size/2)}, then scale about it ({@code S R}, no shift), in float32 as the reference builds it.
     */
    public Affine2 imageMap(int size) {
        float cos = (float) Math.cos(theta * RADIANS_PER_DEGREE);
        float sin = (float) Math.sin(theta * RADIANS_PER_DEGREE);
        float c = size / 2f;
        // R about the centre: [[cos, -sin, tx], [sin, cos, ty]] with (tx, ty) = (I - R) c, in float32
        float tx = (1 - cos) * c + sin * c;
        float ty = -sin * c + (1 - cos) * c;
        float s = (float) scale;
        float shift = (1 - s) * c;
        // S R, float32 products as np.matmul takes them
        return new Affine2(s * cos, s * -sin, s * tx + shift, s * sin, s * cos, s * ty + shift);
    }

    /**
     * The 3-D rotation the reference applies to camera-frame points with the image ({@code get_rotation_mat3d}: the
     * same angle about the optical axis), row-major 3 x 3, float32 entries.
     */
    public double[] rotation3d() {
        float cos = (float) Math.cos(theta * RADIANS_PER_DEGREE);
        float sin = (float) Math.sin(theta * RADIANS_PER_DEGREE);
        return new double[] {cos, -sin, 0, sin, cos, 0, 0, 0, 1};
    }
}
