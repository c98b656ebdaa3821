package org.ambidex.fit;

/** Distances between point sets (n x 3, metres) for the fit tests. */
final class FitErrors {

    private FitErrors() {
    }

    /** The largest distance between corresponding points. */
    static double max(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length / 3; i++) {
            worst = Math.max(worst, distance(a, b, i, new double[3]));
        }
        return worst;
    }

    /** The mean distance between corresponding points. */
    static double mean(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length / 3; i++) {
            sum += distance(a, b, i, new double[3]);
        }
        return sum / (a.length / 3);
    }

    /** The mean distance after both sets are moved to their centroids (the error of the hand's own shape). */
    static double meanCentred(double[] a, double[] b) {
        double[] shift = new double[3];
        int n = a.length / 3;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                shift[c] += (a[3 * i + c] - b[3 * i + c]) / n;
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += distance(a, b, i, shift);
        }
        return sum / n;
    }

    private static double distance(double[] a, double[] b, int i, double[] shift) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
            double d = a[3 * i + c] - b[3 * i + c] - shift[c];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
