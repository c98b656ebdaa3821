package org.ambidex.hand.open;

/**
 * Rotation matrices held as row-major {@code double[9]}, from and to axis-angle vectors (radians), for the
 * generator's plain-array arithmetic. Kept apart from {@code geom.Rotations}: these use {@link StrictMath} and
 * the formulas the committed model was built with, so the generator rebuilds it bit for bit on any JVM.
 */
final class RotationArrays {

    private RotationArrays() {
    }

    /** Rotation by {@code angle} about the unit {@code axis} (Rodrigues). */
    static double[] about(double[] axis, double angle) {
        double c = StrictMath.cos(angle);
        double s = StrictMath.sin(angle);
        double t = 1 - c;
        double x = axis[0];
        double y = axis[1];
        double z = axis[2];
        return new double[] {
            t * x * x + c, t * x * y - s * z, t * x * z + s * y,
            t * x * y + s * z, t * y * y + c, t * y * z - s * x,
            t * x * z - s * y, t * y * z + s * x, t * z * z + c};
    }

    /** The rotation of an axis-angle vector (identity for the zero vector). */
    static double[] fromAxisAngle(double[] w) {
        double angle = Vec3Arrays.norm(w);
        if (angle < 1e-15) {
            return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        }
        return about(Vec3Arrays.scale(w, 1 / angle), angle);
    }

    static double[] multiply(double[] a, double[] b) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return r;
    }

    /** The axis-angle vector of a rotation matrix, angle in [0, pi]. */
    static double[] toAxisAngle(double[] r) {
        double cos = Math.max(-1, Math.min(1, (r[0] + r[4] + r[8] - 1) / 2));
        double angle = StrictMath.acos(cos);
        double[] v = {r[7] - r[5], r[2] - r[6], r[3] - r[1]};
        double sin = StrictMath.sin(angle);
        if (angle < 1e-12) {
            return Vec3Arrays.scale(v, 0.5);
        }
        if (Math.PI - angle < 1e-6) {
            // Near pi the antisymmetric part vanishes: take the axis from the symmetric part.
            double[] axis = {Math.sqrt(Math.max(0, (r[0] + 1) / 2)), Math.sqrt(Math.max(0, (r[4] + 1) / 2)),
                Math.sqrt(Math.max(0, (r[8] + 1) / 2))};
            if (r[1] + r[3] < 0) {
                axis[1] = -axis[1];
            }
            if (r[2] + r[6] < 0) {
                axis[2] = -axis[2];
            }
            return Vec3Arrays.scale(Vec3Arrays.unit(axis), angle);
        }
        return Vec3Arrays.scale(v, angle / (2 * sin));
    }
}
