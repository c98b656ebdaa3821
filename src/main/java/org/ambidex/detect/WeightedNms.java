package org.ambidex.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's weighted non-maximum suppression ({@code NonMaxSuppressionCalculator}, algorithm WEIGHTED, IoU):
 * take the best remaining detection, merge every remaining one overlapping it by more than the threshold (itself
 * included) into the score-weighted mean of their boxes and keypoints, keep the best score, repeat.
 */
final class WeightedNms {

    /** The palm detector's suppression threshold. */
    static final double PALM_THRESHOLD = 0.3;

    private WeightedNms() {
    }

    /** The merged detections, best first. */
    static List<SsdDetection> apply(List<SsdDetection> detections, double threshold) {
        List<SsdDetection> remaining = new ArrayList<>(detections);
        remaining.sort(Comparator.comparingDouble(SsdDetection::score).reversed());
        List<SsdDetection> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            SsdDetection top = remaining.get(0);
            List<SsdDetection> candidates = new ArrayList<>();
            List<SsdDetection> rest = new ArrayList<>();
            for (SsdDetection d : remaining) {
                (top.iou(d) > threshold || d == top ? candidates : rest).add(d);
            }
            out.add(candidates.size() == 1 ? top : merged(top, candidates));
            remaining = rest;
        }
        return out;
    }

    private static SsdDetection merged(SsdDetection top, List<SsdDetection> candidates) {
        double total = 0;
        double[] box = new double[4];
        double[] kp = new double[top.keypoints().length];
        for (SsdDetection d : candidates) {
            double s = d.score();
            total += s;
            box[0] += s * d.xMin();
            box[1] += s * d.yMin();
            box[2] += s * d.xMax();
            box[3] += s * d.yMax();
            double[] points = d.keypoints();
            for (int k = 0; k < kp.length; k++) {
                kp[k] += s * points[k];
            }
        }
        for (int k = 0; k < kp.length; k++) {
            kp[k] /= total;
        }
        return new SsdDetection(top.score(), box[0] / total, box[1] / total, box[2] / total, box[3] / total, kp);
    }
}
