package org.ambidex.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one of MediaPipe's SSD detectors as its {@code TensorsToDetectionsCalculator} does: fixed-size anchors
 * from {@code SsdAnchorsCalculator} (layers of equal stride share a grid, two anchors per layer and cell, in (y, x,
 * anchor) order), XYWH boxes and keypoints as offsets in input pixels divided by the input side from the anchor
 * centre, scores as the sigmoid of the logit clipped to [-100, 100], kept from 0.5; then mapped from the input to
 * the image through the region the input was cut from.
 *
 * @param input the detector's input side, pixels
 * @param keypoints keypoints per detection
 * @param anchorCentres packed (x, y) in [0, 1] of the input, one per anchor
 */
record SsdDecoder(int input, int keypoints, double[] anchorCentres) {

    /** The palm detector ({@code palm_detection_cpu.pbtxt}): 192 px, strides 8, 16, 16, 16: 2016 anchors, 7 keypoints. */
    static final SsdDecoder PALM = of(192, 7, 8, 16, 16, 16);
    /**
     * The pose detector ({@code pose_detection_cpu.pbtxt}): 224 px, strides 8, 16, 32, 32, 32: 2254 anchors, 4
     * keypoints.
     */
    static final SsdDecoder PERSON = of(224, 4, 8, 16, 32, 32, 32);
    /** Lowest score kept (both detectors). */
    static final double MIN_SCORE = 0.5;

    /** The decoder of a detector with {@code input}-pixel inputs and the layer strides of its anchor options. */
    static SsdDecoder of(int input, int keypoints, int... strides) {
        List<double[]> centres = new ArrayList<>();
        int layer = 0;
        while (layer < strides.length) {
            int last = layer;
            while (last + 1 < strides.length && strides[last + 1] == strides[layer]) {
                last++;
            }
            int perCell = 2 * (last - layer + 1);
            int cells = (int) Math.ceil((double) input / strides[layer]);
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int k = 0; k < perCell; k++) {
                        centres.add(new double[] {(x + 0.5) / cells, (y + 0.5) / cells});
                    }
                }
            }
            layer = last + 1;
        }
        double[] packed = new double[2 * centres.size()];
        for (int i = 0; i < centres.size(); i++) {
            packed[2 * i] = centres.get(i)[0];
            packed[2 * i + 1] = centres.get(i)[1];
        }
        return new SsdDecoder(input, keypoints, packed);
    }

    /** Anchors, and rows of the outputs. */
    int anchors() {
        return anchorCentres.length / 2;
    }

    /** Values per anchor in the box output: box (4) and the keypoints (x, y). */
    int values() {
        return 4 + 2 * keypoints;
    }

    /**
     * The detections of image {@code b} of a batch.
     *
     * @param boxes the box output, {@code [batch, anchors, values]} flattened
     * @param logits the score output, {@code [batch, anchors, 1]} flattened
     * @param region where input {@code b} was cut from (unrotated)
     */
    List<SsdDetection> decode(float[] boxes, float[] logits, int b, RotatedRect region) {
        int anchors = anchors();
        int values = values();
        double side = input;
        List<SsdDetection> out = new ArrayList<>();
        for (int i = 0; i < anchors; i++) {
            double logit = Math.max(-100, Math.min(100, logits[b * anchors + i]));
            double score = 1 / (1 + Math.exp(-logit));
            if (!(score >= MIN_SCORE)) {
                continue;
            }
            int o = (b * anchors + i) * values;
            double ax = anchorCentres[2 * i];
            double ay = anchorCentres[2 * i + 1];
            double xc = boxes[o] / side + ax;
            double yc = boxes[o + 1] / side + ay;
            double w = boxes[o + 2] / side;
            double h = boxes[o + 3] / side;
            if (!(w >= 0 && h >= 0)) {
                continue; // negative or NaN sizes are dropped, as MediaPipe does
            }
            double[] min = region.toImage(xc - w / 2, yc - h / 2);
            double[] max = region.toImage(xc + w / 2, yc + h / 2);
            double[] kp = new double[2 * keypoints];
            for (int k = 0; k < keypoints; k++) {
                double[] p = region.toImage(boxes[o + 4 + 2 * k] / side + ax, boxes[o + 5 + 2 * k] / side + ay);
                kp[2 * k] = p[0];
                kp[2 * k + 1] = p[1];
            }
            out.add(new SsdDetection(score, min[0], min[1], max[0], max[1], kp));
        }
        return out;
    }
}
