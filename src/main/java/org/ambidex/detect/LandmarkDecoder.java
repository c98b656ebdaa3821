package org.ambidex.detect;

/**
 * Decodes the landmark network's four outputs as MediaPipe does ({@code TensorsToLandmarksCalculator},
 * {@code LandmarkProjectionCalculator}, {@code WorldLandmarkProjectionCalculator}): landmarks in 224-pixel crop
 * units mapped through the region back to the image, {@code z / 224 / 0.4} of the region's side, world landmarks
 * only turned by the region's rotation; presence and handedness already sigmoided inside the network. MediaPipe's
 * handedness output is the probability of its label "Left" under its mirrored-image convention, which is the
 * probability of a right hand in a photo as taken.
 */
final class LandmarkDecoder {

    /** The landmark network's input side, pixels. */
    static final int INPUT = 224;
    /** MediaPipe's {@code normalize_z}. */
    private static final double Z_NORMALISATION = 0.4;

    private LandmarkDecoder() {
    }

    /**
     * Hand {@code b} of a batch.
     *
     * @param outputs the network's outputs in order: landmarks {@code [batch, 63]}, presence {@code [batch, 1]},
     *     handedness {@code [batch, 1]}, world landmarks {@code [batch, 63]}
     * @param mirrored whether the photo is mirrored (a selfie camera's), MediaPipe's own convention
     */
    static DetectedHand decode(java.util.List<float[]> outputs, int b, RotatedRect region, boolean mirrored) {
        float[] screen = outputs.get(0);
        float[] world = outputs.get(3);
        double[] image = new double[63];
        double[] metric = new double[63];
        double c = Math.cos(region.rotation());
        double s = Math.sin(region.rotation());
        for (int j = 0; j < DetectedHand.JOINTS; j++) {
            int o = b * 63 + 3 * j;
            double[] p = region.toImage(screen[o] / (double) INPUT, screen[o + 1] / (double) INPUT);
            image[3 * j] = p[0];
            image[3 * j + 1] = p[1];
            image[3 * j + 2] = screen[o + 2] / (double) INPUT / Z_NORMALISATION * region.width();
            metric[3 * j] = c * world[o] - s * world[o + 1];
            metric[3 * j + 1] = s * world[o] + c * world[o + 1];
            metric[3 * j + 2] = world[o + 2];
        }
        double presence = outputs.get(1)[b];
        double leftLabel = outputs.get(2)[b];
        return new DetectedHand(image, metric, presence, mirrored ? 1 - leftLabel : leftLabel, region);
    }
}
