package org.ambidex.data.crop;

import java.util.random.RandomGenerator;

/**
 * One draw of InterNet's training augmentation (SEED_SPEC A.9, {@code get_aug_config}).
 *
 * @param shiftX bbox shift as a fraction of its width, {@code U(-0.15, 0.15)}
 * @param shiftY bbox shift as a fraction of its height, {@code U(-0.15, 0.15)}
 * @param scale {@code 1 + 0.25 clip(N(0,1), -1, 1)}
 * @param rotation degrees: {@code 45 clip(N(0,1), -2, 2)} with probability 0.6, else 0
 * @param flip mirror the image left-right and swap the hands, probability 0.5
 * @param colourScale per RGB channel factor, {@code U(0.8, 1.2)} each
 */
public record InterNetAugmentation(double shiftX, double shiftY, double scale, double rotation, boolean flip,
                                   double[] colourScale) {

    public static final double SHIFT = 0.15;
    public static final double SCALE = 0.25;
    public static final double ROTATION = 45;
    public static final double COLOUR = 0.2;

    public InterNetAugmentation {
        if (colourScale.length != 3) {
            throw new IllegalArgumentException("3 colour scales needed, got " + colourScale.length);
        }
        colourScale = colourScale.clone();
    }

    @Override
    public double[] colourScale() {
        return colourScale.clone();
    }

    /** No augmentation (the test-time setting). */
    public static InterNetAugmentation none() {
        return new InterNetAugmentation(0, 0, 1, 0, false, new double[] {1, 1, 1});
    }

    /**
     * A draw from {@code random}, in the reference's order: two shifts, the scale, the rotation coin (then its
     * angle when it comes up), the flip coin, three colour factors. The distributions are the reference's; the
     * random stream is Java's, so draws do not match NumPy's.
     */
    public static InterNetAugmentation sample(RandomGenerator random) {
        double sx = uniform(random, -SHIFT, SHIFT);
        double sy = uniform(random, -SHIFT, SHIFT);
        double scale = clip(random.nextGaussian(), -1, 1) * SCALE + 1;
        double rot = random.nextDouble() <= 0.6 ? clip(random.nextGaussian(), -2, 2) * ROTATION : 0;
        boolean flip = random.nextDouble() <= 0.5;
        double[] colour = new double[3];
        for (int c = 0; c < 3; c++) {
            colour[c] = uniform(random, 1 - COLOUR, 1 + COLOUR);
        }
        return new InterNetAugmentation(sx, sy, scale, rot, flip, colour);
    }

    private static double uniform(RandomGenerator random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    private static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
