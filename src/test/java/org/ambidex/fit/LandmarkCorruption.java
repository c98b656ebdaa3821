package org.ambidex.fit;

import java.util.SplittableRandom;

/** Landmarks made worse on purpose, seeded: Gaussian noise, or a few grossly wrong landmarks. */
final class LandmarkCorruption {

    private LandmarkCorruption() {
    }

    /** {@code exact} with Gaussian noise of {@code worldSigma} metres and {@code imageSigma} pixels per coordinate. */
    static HandLandmarks noisy(HandLandmarks exact, SplittableRandom random, double worldSigma, double imageSigma) {
        double[] world = exact.world().clone();
        double[] image = exact.image().clone();
        for (int i = 0; i < world.length; i++) {
            world[i] += worldSigma * random.nextGaussian();
        }
        for (int i = 0; i < image.length; i++) {
            image[i] += imageSigma * random.nextGaussian();
        }
        return new HandLandmarks(exact.side(), world, image);
    }

    /**
     * {@code exact} with two different landmarks moved {@code worldOffset} metres in a random direction in the world
     * and {@code imageOffset} pixels in a random direction in the image.
     */
    static HandLandmarks twoWrong(HandLandmarks exact, SplittableRandom random, double worldOffset,
                                  double imageOffset) {
        double[] world = exact.world().clone();
        double[] image = exact.image().clone();
        int first = random.nextInt(21);
        int second = (first + 1 + random.nextInt(20)) % 21;
        for (int j : new int[] {first, second}) {
            double[] d = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double length = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            for (int c = 0; c < 3; c++) {
                world[3 * j + c] += worldOffset * d[c] / length;
            }
            double angle = 2 * Math.PI * random.nextDouble();
            image[2 * j] += imageOffset * Math.cos(angle);
            image[2 * j + 1] += imageOffset * Math.sin(angle);
        }
        return new HandLandmarks(exact.side(), world, image);
    }
}
