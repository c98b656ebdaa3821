package org.ambidex.detect;

/**
 * One hand as the landmark network sees it in one region, in the original image. Joint order: the 21-joint
 * OpenPose/MediaPipe order (wrist; thumb CMC, MCP, IP, tip; index MCP, PIP, DIP, tip; middle; ring; pinky).
 *
 * @param image 21 x 3 packed: {@code (u, v)} pixels of the image and a relative depth in pixels (wrist about 0,
 *     larger away from the camera; MediaPipe's {@code z} times the region's side)
 * @param world 21 x 3 packed, metres: MediaPipe's world landmarks turned into the image's orientation (x right,
 *     y down, z away from the camera), origin at the hand's approximate centre
 * @param presence the network's probability that a hand fills the region
 * @param rightProbability the probability that it is a right hand, for the photo as taken (MediaPipe's handedness
 *     output reinterpreted for non-mirrored photos, or for mirrored ones when the finder was told so)
 * @param region the region the network saw
 */
public record DetectedHand(double[] image, double[] world, double presence, double rightProbability,
                            RotatedRect region) {

    /** Joints per hand. */
    public static final int JOINTS = 21;

    public DetectedHand {
        if (image.length != 3 * JOINTS || world.length != 3 * JOINTS) {
            throw new IllegalArgumentException("a hand has " + JOINTS + " landmarks (x, y, z)");
        }
        image = image.clone();
        world = world.clone();
    }

    @Override
    public double[] image() {
        return image.clone();
    }

    @Override
    public double[] world() {
        return world.clone();
    }

    /** The 21 image points as 21 x 2 packed pixels. */
    public double[] imageXy() {
        double[] xy = new double[2 * JOINTS];
        for (int j = 0; j < JOINTS; j++) {
            xy[2 * j] = image[3 * j];
            xy[2 * j + 1] = image[3 * j + 1];
        }
        return xy;
    }

    /** Whether it is more likely a right hand than a left one. */
    public boolean right() {
        return rightProbability >= 0.5;
    }

    /** The longer side of the landmarks' bounding box, pixels (the hand's size in the image). */
    public double extent() {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < JOINTS; j++) {
            minX = Math.min(minX, image[3 * j]);
            maxX = Math.max(maxX, image[3 * j]);
            minY = Math.min(minY, image[3 * j + 1]);
            maxY = Math.max(maxY, image[3 * j + 1]);
        }
        return Math.max(maxX - minX, maxY - minY);
    }
}
