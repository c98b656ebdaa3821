package org.ambidex.cli;

import org.ambidex.io.NdArray;

/**
 * Summary of an array's values as doubles: element count, NaN count, and min, max, sum and mean of the other
 * values. The sum is compensated (Neumaier), so it is exact to the last bits for the sizes of model weights.
 */
record ArrayStats(long count, long nanCount, double min, double max, double sum, double mean) {

    static ArrayStats of(NdArray array) {
        long n = array.size();
        long nans = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double compensation = 0;
        for (long i = 0; i < n; i++) {
            double v = array.getDouble(i);
            if (Double.isNaN(v)) {
                nans++;
                continue;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            double t = sum + v;
            if (Double.isFinite(t)) {
                compensation += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
            }
            sum = t;
        }
        double total = Double.isFinite(sum) ? sum + compensation : sum;
        long counted = n - nans;
        return new ArrayStats(n, nans, counted == 0 ? Double.NaN : min, counted == 0 ? Double.NaN : max,
            total, counted == 0 ? Double.NaN : total / counted);
    }
}
