package org.ambidex.fit;

/**
 * 3x3 matrices (row-major, 9 values) and 3-vectors stored at offsets inside flat {@code double[]} buffers, so the
 * fitter's inner loops run without allocating. Results never alias their inputs unless a method says so.
 */
final class Mat3Buffers {

    private Mat3Buffers() {
    }

    /** {@code out[o..o+9)} = rotation by {@code angle} radians about the unit axis {@code (ex, ey, ez)}. */
    static void setRotation(double ex, double ey, double ez, double angle, double[] out, int o) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double k = 1 - cos;
        out[o] = cos + k * ex * ex;
        out[o + 1] = k * ex * ey - sin * ez;
        out[o + 2] = k * ex * ez + sin * ey;
        out[o + 3] = k * ey * ex + sin * ez;
        out[o + 4] = cos + k * ey * ey;
        out[o + 5] = k * ey * ez - sin * ex;
        out[o + 6] = k * ez * ex - sin * ey;
        out[o + 7] = k * ez * ey + sin * ex;
        out[o + 8] = cos + k * ez * ez;
    }

    /**
     * {@code out[o..o+9)} = the rotation of axis-angle vector {@code aa[a..a+3)} (exact Rodrigues; the identity
     * for the zero vector).
     */
    static void setRotation(double[] aa, int a, double[] out, int o) {
        double angle = Math.sqrt(aa[a] * aa[a] + aa[a + 1] * aa[a + 1] + aa[a + 2] * aa[a + 2]);
        if (angle == 0) {
            setIdentity(out, o);
            return;
        }
        setRotation(aa[a] / angle, aa[a + 1] / angle, aa[a + 2] / angle, angle, out, o);
    }

    static void setIdentity(double[] out, int o) {
        for (int i = 0; i < 9; i++) {
            out[o + i] = i % 4 == 0 ? 1 : 0;
        }
    }

    /** {@code out[o..o+9)} = {@code a[ao..] b[bo..]}; {@code out} must not overlap either input. */
    static void multiply(double[] a, int ao, double[] b, int bo, double[] out, int o) {
        for (int r = 0; r < 3; r++) {
            double a0 = a[ao + 3 * r];
            double a1 = a[ao + 3 * r + 1];
            double a2 = a[ao + 3 * r + 2];
            out[o + 3 * r] = a0 * b[bo] + a1 * b[bo + 3] + a2 * b[bo + 6];
            out[o + 3 * r + 1] = a0 * b[bo + 1] + a1 * b[bo + 4] + a2 * b[bo + 7];
            out[o + 3 * r + 2] = a0 * b[bo + 2] + a1 * b[bo + 5] + a2 * b[bo + 8];
        }
    }

    /** {@code out[o..o+3)} = {@code m[mo..] (x, y, z)}. */
    static void apply(double[] m, int mo, double x, double y, double z, double[] out, int o) {
        out[o] = m[mo] * x + m[mo + 1] * y + m[mo + 2] * z;
        out[o + 1] = m[mo + 3] * x + m[mo + 4] * y + m[mo + 5] * z;
        out[o + 2] = m[mo + 6] * x + m[mo + 7] * y + m[mo + 8] * z;
    }

    /**
     * The axis-angle vector (angle in [0, pi)) of rotation {@code r[ro..]} into {@code out[o..o+3)}. The fitter's
     * local joint rotations stay well below a half turn (joint limits), where this formula is accurate; near the
     * identity it uses the series of {@code angle / sin(angle)}.
     */
    static void logRotation(double[] r, int ro, double[] out, int o) {
        double x = r[ro + 7] - r[ro + 5];
        double y = r[ro + 2] - r[ro + 6];
        double z = r[ro + 3] - r[ro + 1];
        double sin2 = Math.sqrt(x * x + y * y + z * z); // 2 sin(angle)
        double cos = (r[ro] + r[ro + 4] + r[ro + 8] - 1) / 2;
        double angle = Math.atan2(sin2 / 2, cos);
        double scale = angle < 1e-4 ? 0.5 + angle * angle / 12 : angle / sin2;
        out[o] = x * scale;
        out[o + 1] = y * scale;
        out[o + 2] = z * scale;
    }
}
