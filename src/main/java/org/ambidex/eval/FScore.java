package org.ambidex.eval;

/**
 * The F-score of two point sets at a distance threshold, as the FreiHAND evaluation script defines it: with
 * nearest-neighbour distances both ways, precision is the fraction of ground-truth points whose nearest predicted
 * point is closer than the threshold, recall the fraction of predicted points whose nearest ground-truth point is
 * (strictly) closer, and F = 2 P R / (P + R), 0 when both are 0. The script's names are kept even though they
 * read swapped; F is symmetric.
 *
 * @param fScore the F-score in [0, 1]
 * @param precision fraction of ground-truth points matched
 * @param recall fraction of predicted points matched
 */
public record FScore(double fScore, double precision, double recall) {

    /** F-scores of {@code gt} and {@code pred} (packed n x 3 and m x 3, same unit) at each threshold. */
    public static FScore[] of(double[] gt, double[] pred, double... thresholds) {
        NearestDistances d = NearestDistances.between(gt, pred);
        FScore[] out = new FScore[thresholds.length];
        for (int k = 0; k < thresholds.length; k++) {
            double precision = fractionBelow(d.fromFirst(), thresholds[k]);
            double recall = fractionBelow(d.fromSecond(), thresholds[k]);
            double f = precision + recall > 0 ? 2 * recall * precision / (recall + precision) : 0;
            out[k] = new FScore(f, precision, recall);
        }
        return out;
    }

    private static double fractionBelow(double[] distances, double threshold) {
        int n = 0;
        for (double d : distances) {
            if (d < threshold) {
                n++;
            }
        }
        return (double) n / distances.length;
    }

    /** For each point of one set, the distance to the nearest point of the other (brute force, exact). */
    record NearestDistances(double[] fromFirst, double[] fromSecond) {
        static NearestDistances between(double[] a, double[] b) {
            int n = a.length / 3;
            int m = b.length / 3;
            double[] da = new double[n];
            double[] db = new double[m];
            java.util.Arrays.fill(da, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(db, Double.POSITIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                double ax = a[3 * i];
                double ay = a[3 * i + 1];
                double az = a[3 * i + 2];
                double best = da[i];
                for (int j = 0; j < m; j++) {
                    double dx = ax - b[3 * j];
                    double dy = ay - b[3 * j + 1];
                    double dz = az - b[3 * j + 2];
                    double d2 = dx * dx + dy * dy + dz * dz;
                    if (d2 < best) {
                        best = d2;
                    }
                    if (d2 < db[j]) {
                        db[j] = d2;
                    }
                }
                da[i] = best;
            }
            for (int i = 0; i < n; i++) {
                da[i] = Math.sqrt(da[i]);
            }
            for (int j = 0; j < m; j++) {
                db[j] = Math.sqrt(db[j]);
            }
            return new NearestDistances(da, db);
        }
    }
}
