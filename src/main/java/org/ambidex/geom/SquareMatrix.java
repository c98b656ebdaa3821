package org.ambidex.geom;

/**
 * Dense n x n matrix algebra on row-major {@code double[]} arrays, for the small systems of the hand model
 * (the 45 x 45 PCA basis). Pure Java, no allocation beyond the result.
 */
public final class SquareMatrix {

    private SquareMatrix() {
    }

    /**
     * The inverse of the n x n row-major matrix {@code a} by Gauss-Jordan elimination with partial pivoting.
     *
     * @throws ArithmeticException when {@code a} is singular to working precision (a pivot below
     *     {@code 1e-13} times the largest absolute entry) or holds non-finite values
     */
    public static double[] inverse(double[] a, int n) {
        if (a.length != n * n) {
            throw new IllegalArgumentException("expected " + n * n + " values for a " + n + "x" + n + " matrix, got "
                + a.length);
        }
        double scale = 0;
        for (double v : a) {
            if (!Double.isFinite(v)) {
                throw new ArithmeticException("matrix holds a non-finite value");
            }
            scale = Math.max(scale, Math.abs(v));
        }
        double tolerance = 1e-13 * scale;
        int w = 2 * n;
        // Augmented [A | I].
        double[] m = new double[n * w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, m, i * w, n);
            m[i * w + n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r * w + col]) > Math.abs(m[pivot * w + col])) {
                    pivot = r;
                }
            }
            double p = m[pivot * w + col];
            if (Math.abs(p) <= tolerance || scale == 0) {
                throw new ArithmeticException("matrix is singular (pivot " + p + " in column " + col + ")");
            }
            if (pivot != col) {
                for (int k = 0; k < w; k++) {
                    double t = m[col * w + k];
                    m[col * w + k] = m[pivot * w + k];
                    m[pivot * w + k] = t;
                }
            }
            for (int k = 0; k < w; k++) {
                m[col * w + k] /= p;
            }
            for (int r = 0; r < n; r++) {
                double f = m[r * w + col];
                if (r != col && f != 0) {
                    for (int k = 0; k < w; k++) {
                        m[r * w + k] -= f * m[col * w + k];
                    }
                }
            }
        }
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m, i * w + n, inv, i * n, n);
        }
        return inv;
    }

    /** The product {@code a b} of two n x n row-major matrices. */
    public static double[] multiply(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double f = a[i * n + k];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += f * b[k * n + j];
                }
            }
        }
        return c;
    }

    /** The row vector {@code x A} for row vector x of length n and n x n row-major A. */
    public static double[] rowTimes(double[] x, double[] a, int n) {
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            double f = x[k];
            for (int j = 0; j < n; j++) {
                y[j] += f * a[k * n + j];
            }
        }
        return y;
    }
}
