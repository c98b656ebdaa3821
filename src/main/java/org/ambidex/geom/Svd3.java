package org.ambidex.geom;

/**
 * Singular value decomposition {@code A = U diag(s) V^T} of a 3x3 matrix, computed by one-sided (Hestenes)
 * Jacobi rotations, which stay accurate for small and nearly rank-deficient matrices.
 *
 * <p>{@code U} and {@code V} are orthogonal; the singular values are non-negative and sorted in decreasing
 * order. When {@code A} is rank-deficient, the columns of {@code U} belonging to zero singular values are
 * completed to an orthonormal basis (the decomposition then is not unique, as for any SVD).
 *
 * @param u left singular vectors (columns)
 * @param singularValues {@code s0 >= s1 >= s2 >= 0}
 * @param v right singular vectors (columns)
 */
public record Svd3(Mat3 u, double[] singularValues, Mat3 v) {

    private static final int MAX_SWEEPS = 64;

    public Svd3 {
        singularValues = singularValues.clone();
    }

    @Override
    public double[] singularValues() {
        return singularValues.clone();
    }

    /** Decomposes {@code a}; fails on a matrix with a non-finite entry. */
    public static Svd3 of(Mat3 a) {
        double[] m = a.toRowMajor();
        for (double x : m) {
            if (!Double.isFinite(x)) {
                throw new ArithmeticException("SVD of a matrix with a non-finite entry: " + a);
            }
        }
        // cols[c] is column c of the working matrix; vs[c] column c of V.
        double[][] cols = new double[3][3];
        double[][] vs = new double[3][3];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                cols[c][r] = m[3 * r + c];
            }
            vs[c][c] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    rotated |= orthogonalise(cols, vs, p, q);
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] s = new double[3];
        for (int c = 0; c < 3; c++) {
            s[c] = norm(cols[c]);
        }
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (i, j) -> Double.compare(s[j], s[i]));
        double[][] us = new double[3][];
        double[][] vSorted = new double[3][];
        double[] sSorted = new double[3];
        double tolerance = s[order[0]] * 1e-15 * 8;
        int rank = 0;
        for (int k = 0; k < 3; k++) {
            int c = order[k];
            sSorted[k] = s[c];
            vSorted[k] = vs[c];
            if (s[c] > tolerance && s[c] > 0) {
                us[k] = scale(cols[c], 1 / s[c]);
                rank++;
            }
        }
        completeBasis(us, rank);
        Mat3 u = Mat3.ofColumns(vec(us[0]), vec(us[1]), vec(us[2]));
        Mat3 v = Mat3.ofColumns(vec(vSorted[0]), vec(vSorted[1]), vec(vSorted[2]));
        return new Svd3(u, sSorted, v);
    }

    /** Rotates columns p and q so that they are orthogonal; true if a rotation was applied. */
    private static boolean orthogonalise(double[][] cols, double[][] vs, int p, int q) {
        double alpha = dot(cols[p], cols[p]);
        double beta = dot(cols[q], cols[q]);
        double gamma = dot(cols[p], cols[q]);
        if (gamma == 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) {
            return false;
        }
        double zeta = (beta - alpha) / (2 * gamma);
        double t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        double c = 1 / Math.sqrt(1 + t * t);
        double s = c * t;
        rotate(cols[p], cols[q], c, s);
        rotate(vs[p], vs[q], c, s);
        return true;
    }

    private static void rotate(double[] a, double[] b, double c, double s) {
        for (int i = 0; i < 3; i++) {
            double x = a[i];
            double y = b[i];
            a[i] = c * x - s * y;
            b[i] = s * x + c * y;
        }
    }

    /** Fills the missing columns (indices rank..2) with unit vectors orthogonal to the present ones. */
    private static void completeBasis(double[][] us, int rank) {
        if (rank == 0) {
            us[0] = new double[] {1, 0, 0};
            rank = 1;
        }
        if (rank == 1) {
            double[] a = us[0];
            // The axis least aligned with a gives a well-conditioned cross product.
            int axis = Math.abs(a[0]) <= Math.abs(a[1]) && Math.abs(a[0]) <= Math.abs(a[2]) ? 0
                : Math.abs(a[1]) <= Math.abs(a[2]) ? 1 : 2;
            double[] e = new double[3];
            e[axis] = 1;
            double[] b = cross(a, e);
            us[1] = scale(b, 1 / norm(b));
        }
        if (rank <= 2) {
            us[2] = cross(us[0], us[1]);
        }
    }

    private static Vec3 vec(double[] a) {
        return new Vec3(a[0], a[1], a[2]);
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
