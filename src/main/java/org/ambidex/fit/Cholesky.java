package org.ambidex.fit;

/**
 * Solves a small symmetric positive-definite system {@code A x = b} in place by Cholesky factorisation
 * ({@code A = L L^T}), the Levenberg-Marquardt step's linear algebra (at most about 70 unknowns).
 */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * Solves {@code A x = b} for the m x m row-major matrix {@code a} (only its lower triangle is read; it is
     * overwritten by L), leaving x in {@code b}.
     *
     * @return false when A is not numerically positive definite (nothing useful is left in {@code b})
     */
    static boolean solve(double[] a, double[] b, int m) {
        for (int j = 0; j < m; j++) {
            double d = a[j * m + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * m + k] * a[j * m + k];
            }
            if (!(d > 0)) {
                return false;
            }
            double l = Math.sqrt(d);
            a[j * m + j] = l;
            for (int i = j + 1; i < m; i++) {
                double s = a[i * m + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * m + k] * a[j * m + k];
                }
                a[i * m + j] = s / l;
            }
        }
        // L y = b by rows, then L^T x = y by columns of L^T (rows of L), both in place.
        for (int i = 0; i < m; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= a[i * m + k] * b[k];
            }
            b[i] = s / a[i * m + i];
        }
        for (int i = m - 1; i >= 0; i--) {
            b[i] /= a[i * m + i];
            double xi = b[i];
            for (int k = 0; k < i; k++) {
                b[k] -= a[i * m + k] * xi;
            }
        }
        return true;
    }
}
