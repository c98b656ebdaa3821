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

    NormalEquations(int n) {
        this.n = n;
        hessian = new double[n * n];
        gradient = new double[n];
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
     * of n values, row-major) and are zero outside {@code columns} (ascending).
     */
    void addRows(double[] rows, int count, int[] columns, int columnCount, double[] r, double w) {
        for (int a = 0; a < columnCount; a++) {
            int ca = columns[a];
            double g = 0;
            for (int k = 0; k < count; k++) {
                g += rows[k * n + ca] * r[k];
            }
            gradient[ca] += w * g;
            for (int b = a; b < columnCount; b++) {
                int cb = columns[b];
                double h = 0;
                for (int k = 0; k < count; k++) {
                    h += rows[k * n + ca] * rows[k * n + cb];
                }
                hessian[ca * n + cb] += w * h;
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
