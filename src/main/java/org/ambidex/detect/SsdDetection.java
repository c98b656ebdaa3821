package org.ambidex.detect;

/**
 * One object found by one of MediaPipe's SSD detectors (a palm, a person), in pixels of the original image.
 *
 * @param score the detector's probability
 * @param xMin left edge of the palm box
 * @param yMin top edge
 * @param xMax right edge
 * @param yMax bottom edge
 * @param keypoints packed (x, y): a palm has 7 (0 the wrist centre, 2 the middle finger's MCP, 1-4 along the MCP row,
 *     5-6 on the thumb), a person 4 (0 the hip centre, 1 a point a body radius away from it, 2 the shoulder
 *     centre, 3 a point an upper-body radius away from it)
 */
public record SsdDetection(double score, double xMin, double yMin, double xMax, double yMax, double[] keypoints) {

    public SsdDetection {
        if (keypoints.length == 0 || keypoints.length % 2 != 0) {
            throw new IllegalArgumentException("keypoints come as (x, y) pairs, got " + keypoints.length + " values");
        }
        keypoints = keypoints.clone();
    }

    /** How many keypoints the detection has. */
    public int keypointCount() {
        return keypoints.length / 2;
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
    public double iou(SsdDetection o) {
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
