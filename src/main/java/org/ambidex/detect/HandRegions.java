package org.ambidex.detect;

/**
 * The hand region the landmark network is run on, as MediaPipe derives it: from a palm
 * ({@code palm_detection_detection_to_roi.pbtxt}: rotated so the wrist-to-middle-MCP direction points up, shifted
 * half a box toward the fingers, squared on the longer side and enlarged 2.6 times) or from a previous hand's
 * landmarks ({@code hand_landmark_landmarks_to_roi.pbtxt}: rotated by the wrist-to-MCP direction, the rotated
 * bounding box of the palm and lower-finger landmarks, shifted 0.1 toward the fingers, squared and enlarged 2
 * times).
 */
final class HandRegions {

    /** Landmarks whose rotated bounding box frames a hand: wrist, thumb CMC-IP, the MCP and PIP of each finger. */
    private static final int[] FRAME = {0, 1, 2, 3, 5, 6, 9, 10, 13, 14, 17, 18};

    private HandRegions() {
    }

    /** The region of the hand whose palm is {@code palm}. */
    static RotatedRect fromPalm(SsdDetection palm) {
        double rotation = Angles.upright(palm.keypointX(0), palm.keypointY(0), palm.keypointX(2), palm.keypointY(2));
        double w = palm.width();
        double h = palm.height();
        double cx = (palm.xMin() + palm.xMax()) / 2;
        double cy = (palm.yMin() + palm.yMax()) / 2;
        return shiftedAndScaled(cx, cy, w, h, rotation, -0.5, 2.6);
    }

    /** The region framing the hand with image landmarks {@code xy} (21 x 2 packed, pixels, OpenPose order). */
    static RotatedRect fromLandmarks(double[] xy) {
        double mx = ((xy[2 * 5] + xy[2 * 13]) / 2 + xy[2 * 9]) / 2;
        double my = ((xy[2 * 5 + 1] + xy[2 * 13 + 1]) / 2 + xy[2 * 9 + 1]) / 2;
        double rotation = Angles.upright(xy[0], xy[1], mx, my);
        double c = Math.cos(rotation);
        double s = Math.sin(rotation);
        double minU = Double.POSITIVE_INFINITY;
        double maxU = Double.NEGATIVE_INFINITY;
        double minV = Double.POSITIVE_INFINITY;
        double maxV = Double.NEGATIVE_INFINITY;
        for (int j : FRAME) {
            // Into the hand's frame: rotate by -rotation.
            double u = c * xy[2 * j] + s * xy[2 * j + 1];
            double v = -s * xy[2 * j] + c * xy[2 * j + 1];
            minU = Math.min(minU, u);
            maxU = Math.max(maxU, u);
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        double u = (minU + maxU) / 2;
        double v = (minV + maxV) / 2;
        double cx = c * u - s * v;
        double cy = s * u + c * v;
        return shiftedAndScaled(cx, cy, maxU - minU, maxV - minV, rotation, -0.1, 2.0);
    }

    /**
     * MediaPipe's {@code RectTransformationCalculator} with {@code shift_x = 0}: the shift along the rectangle's own
     * y axis in units of its height, then {@code square_long}, then the scale.
     */
    private static RotatedRect shiftedAndScaled(double cx, double cy, double w, double h, double rotation,
                                                double shiftY, double scale) {
        double x = cx - h * shiftY * Math.sin(rotation);
        double y = cy + h * shiftY * Math.cos(rotation);
        double side = Math.max(w, h) * scale;
        return new RotatedRect(x, y, side, side, rotation);
    }
}
