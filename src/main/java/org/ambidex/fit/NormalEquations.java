package org.ambidex.fit;

import java.util.Arrays;

/**
 * The Gauss-Newton normal equations {@code H = sum w J^T J}, {@code g = sum w J^T r} of a least-squares cost over
 * n parameters, accumulated from Jacobian rows that are sparse in a known set of columns. Only the upper triangle
 * of H ({@code i <= j}) is stored.
 */
final class NormalEquations {

    private final int n;
    private final double[] hessian;
    private final double[] gradient;
    /** Scratch of {@link #addRows}: up to three rows of n values. */
    private final double[] packed;

    NormalEquations(int n) {
        this.n = n;
        hessian = new double[n * n];
        gradient = new double[n];
        packed = new double[3 * n];
    }

    int size() {
        return n;
    }

    void clear() {
        Arrays.fill(hessian, 0);
        Arrays.fill(gradient, 0);
    }

    void addGradient(int i, double value) {
        gradient[i] += value;
    }

    /** Adds {@code value} to {@code H[i][j]} and, by symmetry, {@code H[j][i]}. */
    void addHessian(int i, int j, double value) {
        if (i <= j) {
            hessian[i * n + j] += value;
        } else {
            hessian[j * n + i] += value;
        }
    }

    /**
     * Adds {@code count} residuals {@code r} with weight {@code w} whose Jacobian rows are {@code rows} (count rows
     * of n values, row-major; at most 3) and are zero outside {@code columns} (ascending).
     */
    void addRows(double[] rows, int count, int[] columns, int columnCount, double[] r, double w) {
        // Gather the used columns, row by row, so the products below run over contiguous memory; missing rows are
        // zero, so every residual block is handled as three rows.
        double[] p = packed;
        int m = columnCount;
        for (int a = 0; a < m; a++) {
            int c = columns[a];
            p[a] = rows[c];
            p[m + a] = count > 1 ? rows[n + c] : 0;
            p[2 * m + a] = count > 2 ? rows[2 * n + c] : 0;
        }
        double r0 = w * r[0];
        double r1 = count > 1 ? w * r[1] : 0;
        double r2 = count > 2 ? w * r[2] : 0;
        for (int a = 0; a < m; a++) {
            int ca = columns[a];
            double x = p[a];
            double y = p[m + a];
            double z = p[2 * m + a];
            gradient[ca] += x * r0 + y * r1 + z * r2;
            double wx = w * x;
            double wy = w * y;
            double wz = w * z;
            int row = ca * n;
            for (int b = a; b < m; b++) {
                hessian[row + columns[b]] += wx * p[b] + wy * p[m + b] + wz * p[2 * m + b];
            }
        }
    }

    double gradient(int i) {
        return gradient[i];
    }

    /** {@code H[i][j]} for any order of i and j. */
    double hessian(int i, int j) {
        return i <= j ? hessian[i * n + j] : hessian[j * n + i];
    }

    /** Copies {@code other} into this (same size). */
    void copyFrom(NormalEquations other) {
        System.arraycopy(other.hessian, 0, hessian, 0, hessian.length);
        System.arraycopy(other.gradient, 0, gradient, 0, n);
    }
}
