package org.ambidex.eval;

import org.ambidex.geom.Mat3;
import org.ambidex.geom.SimilarityAlignment;
import org.ambidex.geom.SimilarityAlignment.OrthogonalProcrustes;

/**
 * The similarity alignment of the FreiHAND evaluation script ({@code align_w_scale}, {@code align_by_trafo}),
 * with its numerics: both sets centred on their means, each divided by its Frobenius norm plus 1e-8, SciPy's
 * orthogonal Procrustes (reflections allowed) between them, and the prediction mapped with the resulting
 * orthogonal matrix, the Procrustes scale and the ground truth's norm.
 */
public final class FreiHandAlignment {

    /**
     * The fitted parameters as the script returns them with {@code return_trafo=True}.
     *
     * @param r orthogonal matrix (applied to row vectors as {@code x R^T})
     * @param s Procrustes scale of the normalised sets
     * @param gtNorm Frobenius norm of the centred ground truth plus 1e-8
     * @param gtMeanMinusPredMean mean of the ground truth minus mean of the prediction
     * @param gtMean mean of the ground truth
     * @param predMean mean of the prediction
     * @param predNorm Frobenius norm of the centred prediction plus 1e-8
     */
    public record Trafo(Mat3 r, double s, double gtNorm, double[] gtMeanMinusPredMean, double[] gtMean,
                        double[] predMean, double predNorm) {
    }

    private FreiHandAlignment() {
    }

    /** {@code align_w_scale(gt, pred, return_trafo=True)}. Packed n x 3 arrays. */
    public static Trafo fit(double[] gt, double[] pred) {
        double[] gtMean = mean(gt);
        double[] predMean = mean(pred);
        double[] a = centred(gt, gtMean);
        double[] b = centred(pred, predMean);
        double s1 = norm(a) + 1e-8;
        double s2 = norm(b) + 1e-8;
        divide(a, s1);
        divide(b, s2);
        OrthogonalProcrustes op = SimilarityAlignment.orthogonalProcrustes(a, b);
        double[] d = {gtMean[0] - predMean[0], gtMean[1] - predMean[1], gtMean[2] - predMean[2]};
        return new Trafo(op.r(), op.scale(), s1, d, gtMean, predMean, s2);
    }

    /** {@code align_w_scale(gt, pred)}: the prediction aligned onto the ground truth. */
    public static double[] align(double[] gt, double[] pred) {
        Trafo t = fit(gt, pred);
        double[] b = centred(pred, t.predMean());
        divide(b, t.predNorm());
        return map(b, t.r(), t.s() * t.gtNorm(), t.gtMean());
    }

    /**
     * {@code align_by_trafo(points, trafo)}: the script's way of moving vertices with a transform fitted on
     * keypoints. The points are centred on their own mean (not the keypoints'), rotated and scaled by
     * {@code s * gtNorm} (without dividing by the prediction's norm), then shifted by the keypoint mean
     * difference plus their own mean, exactly as written there.
     */
    public static double[] alignByTrafo(double[] points, Trafo t) {
        double[] mean = mean(points);
        double[] c = centred(points, mean);
        double[] shift = {t.gtMeanMinusPredMean()[0] + mean[0], t.gtMeanMinusPredMean()[1] + mean[1],
            t.gtMeanMinusPredMean()[2] + mean[2]};
        return map(c, t.r(), t.s() * t.gtNorm(), shift);
    }

    /** Row vectors x -> (x R^T) * scale + shift. */
    private static double[] map(double[] x, Mat3 r, double scale, double[] shift) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                double v = x[i] * r.get(k, 0) + x[i + 1] * r.get(k, 1) + x[i + 2] * r.get(k, 2);
                out[i + k] = v * scale + shift[k];
            }
        }
        return out;
    }

    private static double[] mean(double[] p) {
        double[] m = new double[3];
        int n = p.length / 3;
        for (int i = 0; i < p.length; i += 3) {
            m[0] += p[i];
            m[1] += p[i + 1];
            m[2] += p[i + 2];
        }
        m[0] /= n;
        m[1] /= n;
        m[2] /= n;
        return m;
    }

    private static double[] centred(double[] p, double[] m) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i += 3) {
            out[i] = p[i] - m[0];
            out[i + 1] = p[i + 1] - m[1];
            out[i + 2] = p[i + 2] - m[2];
        }
        return out;
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static void divide(double[] a, double d) {
        for (int i = 0; i < a.length; i++) {
            a[i] /= d;
        }
    }
}
