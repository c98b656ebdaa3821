package org.ambidex.eval;

import java.util.Arrays;

/**
 * mmpose's {@code keypoint_pck_accuracy} for a fixed list of thresholds, accumulated one distance at a time: per
 * keypoint, how many distances it has (its visible instances) and how many lie strictly below each threshold
 * ({@code _distance_acc}: {@code distance < thr}, both float32). A missing prediction is an infinite distance:
 * counted, never below. Memory is constant in the number of instances.
 */
final class KeypointAccuracy {

    private final float[] thresholds;
    private final long[] counts;
    /** below[t][k]: distances of keypoint k under threshold t. */
    private final long[][] below;

    /**
     * @param thresholds the thresholds as Python floats; each is compared as float32, as NumPy compares a float32
     *     array with a Python float
     * @param keypoints keypoints per instance
     */
    KeypointAccuracy(double[] thresholds, int keypoints) {
        this.thresholds = new float[thresholds.length];
        for (int t = 0; t < thresholds.length; t++) {
            this.thresholds[t] = (float) thresholds[t];
        }
        counts = new long[keypoints];
        below = new long[thresholds.length][keypoints];
    }

    /** Adds one visible keypoint's distance (float32; infinite or NaN for no prediction). */
    void add(int keypoint, float distance) {
        counts[keypoint]++;
        for (int t = 0; t < thresholds.length; t++) {
            if (distance < thresholds[t]) {
                below[t][keypoint]++;
            }
        }
    }

    /** Distances added in all. */
    long count() {
        return Arrays.stream(counts).sum();
    }

    /** Per-keypoint accuracy at threshold {@code t} ({@code acc}); NaN for a keypoint without distances. */
    double[] accuracy(int t) {
        double[] acc = new double[counts.length];
        for (int k = 0; k < acc.length; k++) {
            acc[k] = counts[k] == 0 ? Double.NaN : (double) below[t][k] / counts[k];
        }
        return acc;
    }

    /**
     * {@code avg_acc}: the mean of the per-keypoint accuracies of the keypoints with distances. NaN when none has
     * any (mmpose returns 0 there).
     */
    double average(int t) {
        double sum = 0;
        int n = 0;
        for (double a : accuracy(t)) {
            if (!Double.isNaN(a)) {
                sum += a;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** {@code keypoint_auc}: {@code sum over thresholds of (1 / n) * avg_acc}, in that order. */
    double auc() {
        double auc = 0;
        for (int t = 0; t < thresholds.length; t++) {
            auc += 1.0 / thresholds.length * average(t);
        }
        return auc;
    }

    /** The curve of {@link #average(int)} over the thresholds. */
    double[] curve() {
        double[] out = new double[thresholds.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = average(t);
        }
        return out;
    }
}
