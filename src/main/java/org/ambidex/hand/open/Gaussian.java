package org.ambidex.hand.open;

import java.util.SplittableRandom;

/**
 * Standard normal numbers from a {@link SplittableRandom} by the Box-Muller transform, written out so the
 * sequence depends only on the seed and this code (not on a JDK's {@code nextGaussian} algorithm).
 */
final class Gaussian {

    private Gaussian() {
    }

    static double next(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }
}
