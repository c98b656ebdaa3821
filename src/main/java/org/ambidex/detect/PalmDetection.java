package org.ambidex.detect;

/**
 * One palm found by the palm detector, in pixels of the original image.
 *
 * @param score the detector's probability
 * @param xMin left edge of the palm box
 * @param yMin top edge
 * @param xMax right edge
 * @param yMax bottom edge
 * @param keypoints 7 x 2 packed (x, y): 0 the wrist centre, 2 the middle finger's MCP, 1-4 along the MCP row, 5-6
 *     on the thumb
 */
public record PalmDetection(double score, double xMin, double yMin, double xMax, double yMax, double[] keypoints) {

    /** Keypoints of a palm. */
    public static final int KEYPOINTS = 7;

    public PalmDetection {
        if (keypoints.length != 2 * KEYPOINTS) {
            throw new IllegalArgumentException("a palm has " + KEYPOINTS + " keypoints, got " + keypoints.length / 2);
        }
        keypoints = keypoints.clone();
    }

    @Override
    public double[] keypoints() {
        return keypoints.clone();
    }

    /** Keypoint {@code k}'s x. */
    public double keypointX(int k) {
        return keypoints[2 * k];
    }

    /** Keypoint {@code k}'s y. */
    public double keypointY(int k) {
        return keypoints[2 * k + 1];
    }

    public double width() {
        return xMax - xMin;
    }

    public double height() {
        return yMax - yMin;
    }

    /** Intersection over union of the two boxes (0 when they do not overlap or are empty). */
    public double iou(PalmDetection o) {
        double iw = Math.min(xMax, o.xMax) - Math.max(xMin, o.xMin);
        double ih = Math.min(yMax, o.yMax) - Math.max(yMin, o.yMin);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double union = width() * height() + o.width() * o.height() - inter;
        return union > 0 ? inter / union : 0;
    }
}
