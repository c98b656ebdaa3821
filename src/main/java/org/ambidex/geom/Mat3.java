package org.ambidex.geom;

import java.util.Arrays;

/**
 * An immutable 3x3 matrix of doubles, row-major ({@code m[3*row + col]}). Used for rotations, intrinsics and
 * small linear maps.
 */
public final class Mat3 {

    public static final Mat3 IDENTITY = new Mat3(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

    private final double[] m;

    private Mat3(double[] m) {
        this.m = m;
    }

    /** A matrix from 9 values in row-major order (copied). */
    public static Mat3 ofRowMajor(double... rowMajor) {
        if (rowMajor.length != 9) {
            throw new IllegalArgumentException("a 3x3 matrix needs 9 values, got " + rowMajor.length);
        }
        return new Mat3(rowMajor.clone());
    }

    /** A matrix from three rows. */
    public static Mat3 ofRows(Vec3 r0, Vec3 r1, Vec3 r2) {
        return new Mat3(new double[] {r0.x(), r0.y(), r0.z(), r1.x(), r1.y(), r1.z(), r2.x(), r2.y(), r2.z()});
    }

    /** A matrix from three columns. */
    public static Mat3 ofColumns(Vec3 c0, Vec3 c1, Vec3 c2) {
        return ofRows(c0, c1, c2).transpose();
    }

    public double get(int row, int col) {
        return m[3 * row + col];
    }

    /** The 9 values in row-major order (a copy). */
    public double[] toRowMajor() {
        return m.clone();
    }

    public Vec3 row(int r) {
        return new Vec3(m[3 * r], m[3 * r + 1], m[3 * r + 2]);
    }

    public Vec3 column(int c) {
        return new Vec3(m[c], m[3 + c], m[6 + c]);
    }

    public Mat3 transpose() {
        return new Mat3(new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]});
    }

    public Mat3 times(Mat3 o) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = m[3 * i] * o.m[j] + m[3 * i + 1] * o.m[3 + j] + m[3 * i + 2] * o.m[6 + j];
            }
        }
        return new Mat3(r);
    }

    public Vec3 times(Vec3 v) {
        return new Vec3(m[0] * v.x() + m[1] * v.y() + m[2] * v.z(),
            m[3] * v.x() + m[4] * v.y() + m[5] * v.z(),
            m[6] * v.x() + m[7] * v.y() + m[8] * v.z());
    }

    public Mat3 scale(double s) {
        double[] r = m.clone();
        for (int i = 0; i < 9; i++) {
            r[i] *= s;
        }
        return new Mat3(r);
    }

    public Mat3 plus(Mat3 o) {
        double[] r = m.clone();
        for (int i = 0; i < 9; i++) {
            r[i] += o.m[i];
        }
        return new Mat3(r);
    }

    public double determinant() {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
            + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    public double trace() {
        return m[0] + m[4] + m[8];
    }

    /** The inverse; fails for a singular matrix. */
    public Mat3 inverse() {
        double det = determinant();
        if (det == 0 || !Double.isFinite(det)) {
            throw new ArithmeticException("singular 3x3 matrix");
        }
        double[] r = {
            m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3]};
        for (int i = 0; i < 9; i++) {
            r[i] /= det;
        }
        return new Mat3(r);
    }

    /** Largest absolute difference to {@code o}, element-wise. */
    public double maxAbsDifference(Mat3 o) {
        double d = 0;
        for (int i = 0; i < 9; i++) {
            d = Math.max(d, Math.abs(m[i] - o.m[i]));
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mat3 other && Arrays.equals(m, other.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return "Mat3" + Arrays.toString(m);
    }
}
