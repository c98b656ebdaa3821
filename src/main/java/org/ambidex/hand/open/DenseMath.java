package org.ambidex.hand.open;

/**
 * The little dense linear algebra the generator needs: a symmetric eigen-decomposition (cyclic Jacobi,
 * deterministic) and a linear solve (Gaussian elimination with partial pivoting).
 */
final class DenseMath {

    private DenseMath() {
    }

    /**
     * Eigen-decomposition of the symmetric {@code n x n} matrix {@code a} (row-major, not modified).
     *
     * @return {eigenvalues (n), eigenvectors (n*n row-major, column i is the vector of eigenvalue i)}, sorted
     *     by decreasing eigenvalue; each eigenvector's largest-magnitude component is made positive
     */
    static double[][] symmetricEigen(double[] a, int n) {
        double[] m = a.clone();
        double[] vec = new double[n * n];
        for (int i = 0; i < n; i++) {
            vec[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += m[i * n + i] * m[i * n + i];
                for (int j = i + 1; j < n; j++) {
                    off += m[i * n + j] * m[i * n + j];
                }
            }
            if (off <= 1e-30 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p * n + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k * n + p];
                        double mkq = m[k * n + q];
                        m[k * n + p] = c * mkp - s * mkq;
                        m[k * n + q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p * n + k];
                        double mqk = m[q * n + k];
                        m[p * n + k] = c * mpk - s * mqk;
                        m[q * n + k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = vec[k * n + p];
                        double vkq = vec[k * n + q];
                        vec[k * n + p] = c * vkp - s * vkq;
                        vec[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = m[i * n + i];
        }
        java.util.Arrays.sort(order, (x, y) -> {
            int cmp = Double.compare(diagonal[y], diagonal[x]);
            return cmp != 0 ? cmp : Integer.compare(x, y);
        });
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int i = 0; i < n; i++) {
            int src = order[i];
            values[i] = diagonal[src];
            int big = 0;
            for (int k = 1; k < n; k++) {
                if (Math.abs(vec[k * n + src]) > Math.abs(vec[big * n + src])) {
                    big = k;
                }
            }
            double sign = vec[big * n + src] < 0 ? -1 : 1;
            for (int k = 0; k < n; k++) {
                vectors[k * n + i] = sign * vec[k * n + src];
            }
        }
        return new double[][] {values, vectors};
    }

    /** Solves {@code a x = b} for the {@code n x n} row-major {@code a} (not modified). */
    static double[] solve(double[] a, double[] b, int n) {
        double[] m = a.clone();
        double[] x = b.clone();
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r * n + col]) > Math.abs(m[pivot * n + col])) {
                    pivot = r;
                }
            }
            if (m[pivot * n + col] == 0) {
                throw new IllegalStateException("singular system");
            }
            if (pivot != col) {
                for (int k = 0; k < n; k++) {
                    double tmp = m[col * n + k];
                    m[col * n + k] = m[pivot * n + k];
                    m[pivot * n + k] = tmp;
                }
                double tmp = x[col];
                x[col] = x[pivot];
                x[pivot] = tmp;
            }
            for (int r = col + 1; r < n; r++) {
                double f = m[r * n + col] / m[col * n + col];
                if (f == 0) {
                    continue;
                }
                for (int k = col; k < n; k++) {
                    m[r * n + k] -= f * m[col * n + k];
                }
                x[r] -= f * x[col];
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double sum = x[r];
            for (int k = r + 1; k < n; k++) {
                sum -= m[r * n + k] * x[k];
            }
            x[r] = sum / m[r * n + r];
        }
        return x;
    }
}
