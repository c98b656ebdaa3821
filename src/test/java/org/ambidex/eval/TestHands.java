package org.ambidex.eval;

import java.util.Arrays;

/** Simple hands for hand-computed tests: joint j of a hand sits at a fixed, easily checked position. */
final class TestHands {

    private TestHands() {
    }

    /** A hand whose joint j is at (origin + (0.01 j, 0.002 j^2 mod 0.03, 0)), depth origin z. */
    static double[] hand(double ox, double oy, double oz) {
        double[] j = new double[63];
        for (int i = 0; i < 21; i++) {
            j[3 * i] = ox + 0.01 * i;
            j[3 * i + 1] = oy + (0.002 * i * i) % 0.03;
            j[3 * i + 2] = oz + 0.001 * (i % 4);
        }
        return j;
    }

    static double[] shifted(double[] points, int index, double dx, double dy, double dz) {
        double[] out = points.clone();
        out[3 * index] += dx;
        out[3 * index + 1] += dy;
        out[3 * index + 2] += dz;
        return out;
    }

    static double[] translated(double[] points, double dx, double dy, double dz) {
        double[] out = points.clone();
        for (int i = 0; i < out.length; i += 3) {
            out[i] += dx;
            out[i + 1] += dy;
            out[i + 2] += dz;
        }
        return out;
    }

    /** {@code (p - p[about]) * s + p[about]}: scaled about one of its own joints. */
    static double[] scaledAbout(double[] points, int about, double s) {
        double[] out = points.clone();
        for (int i = 0; i < out.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                out[i + k] = (points[i + k] - points[3 * about + k]) * s + points[3 * about + k];
            }
        }
        return out;
    }

    static boolean[] valid(int... invalid) {
        boolean[] v = new boolean[21];
        Arrays.fill(v, true);
        for (int i : invalid) {
            v[i] = false;
        }
        return v;
    }

    static HandTruth truth(double[] joints, boolean[] valid) {
        return new HandTruth(joints, valid, null);
    }

    static HandPrediction pred(double[] joints, double presence) {
        return new HandPrediction(joints, null, presence, null);
    }
}
