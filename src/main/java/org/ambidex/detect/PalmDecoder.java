package org.ambidex.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the palm detector's outputs as MediaPipe's {@code TensorsToDetectionsCalculator} with the options of
 * {@code palm_detection_cpu.pbtxt}: 2016 fixed-size SSD anchors (stride 8: 24 x 24 cells x 2; stride 16: 12 x 12
 * cells x 6; in (y, x, anchor) order), XYWH boxes and 7 keypoints as offsets in input pixels divided by 192 from the
 * anchor centre, scores as the sigmoid of the logit clipped to [-100, 100], kept from 0.5; then mapped from the input
 * to the image through the region the input was cut from.
 */
final class PalmDecoder {

    /** The detector's input side, pixels. */
    static final int INPUT = 192;
    /** Anchors, and rows of the outputs. */
    static final int ANCHORS = 2016;
    /** Values per anchor in the box output: box (4) and 7 keypoints (x, y). */
    static final int VALUES = 18;
    /** Lowest score kept. */
    static final double MIN_SCORE = 0.5;

    private static final double[] ANCHOR_CENTRES = anchors();

    private PalmDecoder() {
    }

    /** Anchor centres, packed (x, y), in [0, 1] of the input. */
    static double[] anchors() {
        double[] a = new double[2 * ANCHORS];
        int i = 0;
        int[][] layers = {{24, 2}, {12, 6}};
        for (int[] layer : layers) {
            int cells = layer[0];
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int k = 0; k < layer[1]; k++) {
                        a[2 * i] = (x + 0.5) / cells;
                        a[2 * i + 1] = (y + 0.5) / cells;
                        i++;
                    }
                }
            }
        }
        return a;
    }

    /**
     * The palms of image {@code b} of a batch.
     *
     * @param boxes the box output, {@code [batch, 2016, 18]} flattened
     * @param logits the score output, {@code [batch, 2016, 1]} flattened
     * @param region where input {@code b} was cut from (unrotated)
     */
    static List<PalmDetection> decode(float[] boxes, float[] logits, int b, RotatedRect region) {
        List<PalmDetection> out = new ArrayList<>();
        for (int i = 0; i < ANCHORS; i++) {
            double logit = Math.max(-100, Math.min(100, logits[b * ANCHORS + i]));
            double score = 1 / (1 + Math.exp(-logit));
            if (!(score >= MIN_SCORE)) {
                continue;
            }
            int o = (b * ANCHORS + i) * VALUES;
            double ax = ANCHOR_CENTRES[2 * i];
            double ay = ANCHOR_CENTRES[2 * i + 1];
            double xc = boxes[o] / (double) INPUT + ax;
            double yc = boxes[o + 1] / (double) INPUT + ay;
            double w = boxes[o + 2] / (double) INPUT;
            double h = boxes[o + 3] / (double) INPUT;
            if (!(w >= 0 && h >= 0)) {
                continue; // negative or NaN sizes are dropped, as MediaPipe does
            }
            double[] min = region.toImage(xc - w / 2, yc - h / 2);
            double[] max = region.toImage(xc + w / 2, yc + h / 2);
            double[] kp = new double[2 * PalmDetection.KEYPOINTS];
            for (int k = 0; k < PalmDetection.KEYPOINTS; k++) {
                double[] p = region.toImage(boxes[o + 4 + 2 * k] / (double) INPUT + ax,
                    boxes[o + 5 + 2 * k] / (double) INPUT + ay);
                kp[2 * k] = p[0];
                kp[2 * k + 1] = p[1];
            }
            out.add(new PalmDetection(score, min[0], min[1], max[0], max[1], kp));
        }
        return out;
    }
}
