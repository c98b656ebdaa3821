package org.ambidex.geom;

/**
 * Least-squares similarity alignment of two corresponding 3-D point sets (Procrustes analysis with scale,
 * Umeyama 1991), and the orthogonal Procrustes problem as SciPy's {@code scipy.linalg.orthogonal_procrustes}
 * defines it.
 *
 * <p>Points are packed {@code n x 3} arrays ({@code x0,y0,z0,x1,...}) in any one unit (metres by convention).
 */
public final class SimilarityAlignment {

    /** Whether the fitted orthogonal matrix may be a reflection. */
    public enum Reflection {
        /**
         * Any orthogonal matrix ({@code R = U V^T}), as SciPy's orthogonal Procrustes and the FreiHAND evaluation
         * script use: a mirrored prediction can be aligned onto the ground truth.
         */
        ALLOW,
        /** A proper rotation ({@code det R = +1}), Umeyama's correction. */
        PROPER_ROTATION
    }

    /**
     * The solution of the orthogonal Procrustes problem {@code min ||A R - B||_F} over orthogonal {@code R}.
     *
     * @param r the orthogonal matrix {@code U V^T} where {@code A^T B = U S V^T}
     * @param scale the sum of the singular values of {@code A^T B}, as SciPy returns it
     */
    public record OrthogonalProcrustes(Mat3 r, double scale) {
    }

    private SimilarityAlignment() {
    }

    /**
     * SciPy's {@code orthogonal_procrustes(A, B)}: the orthogonal {@code R} minimising {@code ||A R - B||_F}
     * (reflections allowed) and the sum of singular values of {@code A^T B}. Rows of A and B are the points.
     */
    public static OrthogonalProcrustes orthogonalProcrustes(double[] a, double[] b) {
        checkPair(a, b);
        double[] m = new double[9];
        for (int i = 0; i < a.length; i += 3) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    m[3 * r + c] += a[i + r] * b[i + c];
                }
            }
        }
        Svd3 svd = Svd3.of(Mat3.ofRowMajor(m));
        double[] s = svd.singularValues();
        return new OrthogonalProcrustes(svd.u().times(svd.v().transpose()), s[0] + s[1] + s[2]);
    }

    /** {@link #fit(double[], double[], boolean[], Reflection)} using every point. */
    public static SimilarityTransform fit(double[] target, double[] source, Reflection reflection) {
        return fit(target, source, null, reflection);
    }

    /**
     * The similarity transform {@code T} minimising {@code sum_i ||target_i - T(source_i)||^2} over the points
     * with {@code use[i]} (all points when {@code use} is null). Needs at least one used point; with all used
     * source points equal the transform is a pure translation.
     */
    public static SimilarityTransform fit(double[] target, double[] source, boolean[] use, Reflection reflection) {
        checkPair(target, source);
        int n = target.length / 3;
        if (use != null && use.length != n) {
            throw new IllegalArgumentException("mask has " + use.length + " entries for " + n + " points");
        }
        double[] muT = new double[3];
        double[] muS = new double[3];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (use == null || use[i]) {
                for (int k = 0; k < 3; k++) {
                    muT[k] += target[3 * i + k];
                    muS[k] += source[3 * i + k];
                }
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("similarity alignment needs at least one point");
        }
        for (int k = 0; k < 3; k++) {
            muT[k] /= count;
            muS[k] /= count;
        }
        double[] cov = new double[9];
        double varS = 0;
        for (int i = 0; i < n; i++) {
            if (use != null && !use[i]) {
                continue;
            }
            for (int r = 0; r < 3; r++) {
                double dt = target[3 * i + r] - muT[r];
                for (int c = 0; c < 3; c++) {
                    cov[3 * r + c] += dt * (source[3 * i + c] - muS[c]);
                }
                double ds = source[3 * i + r] - muS[r];
                varS += ds * ds;
            }
        }
        Vec3 meanT = new Vec3(muT[0], muT[1], muT[2]);
        Vec3 meanS = new Vec3(muS[0], muS[1], muS[2]);
        if (varS == 0) {
            return new SimilarityTransform(1, Mat3.IDENTITY, meanT.minus(meanS));
        }
        Svd3 svd = Svd3.of(Mat3.ofRowMajor(cov));
        double[] s = svd.singularValues();
        double lastSign = 1;
        if (reflection == Reflection.PROPER_ROTATION
            && svd.u().determinant() * svd.v().determinant() < 0) {
            lastSign = -1;
        }
        Mat3 d = Mat3.ofRowMajor(1, 0, 0, 0, 1, 0, 0, 0, lastSign);
        Mat3 r = svd.u().times(d).times(svd.v().transpose());
        double scale = (s[0] + s[1] + lastSign * s[2]) / varS;
        Vec3 t = meanT.minus(r.times(meanS).times(scale));
        return new SimilarityTransform(scale, r, t);
    }

    private static void checkPair(double[] a, double[] b) {
        if (a.length != b.length || a.length % 3 != 0 || a.length == 0) {
            throw new IllegalArgumentException("point sets need the same non-zero number of 3-D points, got "
                + a.length + " and " + b.length + " values");
        }
    }
}
