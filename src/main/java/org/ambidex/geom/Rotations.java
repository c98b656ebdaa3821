package org.ambidex.geom;

/**
 * Conversions between 3D rotation representations, in double precision: axis-angle vectors (direction =
 * axis, length = angle in radians, right-handed), 3x3 rotation matrices, the continuous 6-D representation
 * and unit quaternions.
 *
 * <p>Every conversion is numerically stable over the whole range: near the identity (small angles use series
 * expansions instead of dividing by the angle) and near a half turn (the axis is recovered from the symmetric
 * part of the matrix, not from its vanishing antisymmetric part).
 */
public final class Rotations {

    /** Below this angle the Rodrigues coefficients use their Taylor series (error below 1e-17). */
    private static final double SMALL_ANGLE = 1e-4;

    private Rotations() {
    }

    /** The rotation matrix of the axis-angle vector {@code aa} (Rodrigues' formula). */
    public static Mat3 axisAngleToMatrix(Vec3 aa) {
        double t2 = aa.dot(aa);
        double t = Math.sqrt(t2);
        double a; // sin(t)/t
        double b; // (1-cos(t))/t^2
        if (t < SMALL_ANGLE) {
            a = 1 - t2 / 6 + t2 * t2 / 120;
            b = 0.5 - t2 / 24 + t2 * t2 / 720;
        } else {
            a = Math.sin(t) / t;
            // 1-cos(t) = 2 sin^2(t/2) avoids cancellation for small and moderate angles.
            double s = Math.sin(t / 2);
            b = 2 * s * s / t2;
        }
        double x = aa.x();
        double y = aa.y();
        double z = aa.z();
        // R = I + a K + b K^2 with K = skew(aa); K^2 = aa aa^T - |aa|^2 I.
        return Mat3.ofRowMajor(
            1 + b * (x * x - t2), b * x * y - a * z, b * x * z + a * y,
            b * x * y + a * z, 1 + b * (y * y - t2), b * y * z - a * x,
            b * x * z - a * y, b * y * z + a * x, 1 + b * (z * z - t2));
    }

    /**
     * The axis-angle vector of rotation matrix {@code r}, with angle in [0, pi]. At exactly pi the sign of the
     * axis is ambiguous; the result is one of the two equivalent vectors. {@code r} should be a rotation
     * (orthonormal, determinant +1); small deviations are tolerated.
     */
    public static Vec3 matrixToAxisAngle(Mat3 r) {
        double cos = (r.trace() - 1) / 2;
        // Twice the sine times the axis, from the antisymmetric part.
        Vec3 v = new Vec3(r.get(2, 1) - r.get(1, 2), r.get(0, 2) - r.get(2, 0), r.get(1, 0) - r.get(0, 1));
        double sin = v.norm() / 2;
        double angle = Math.atan2(sin, Math.max(-1, Math.min(1, cos)));
        if (angle < SMALL_ANGLE) {
            // angle / (2 sin(angle)) -> 1/2 + angle^2/12
            return v.times(0.5 + angle * angle / 12);
        }
        if (cos > -0.5) {
            return v.times(angle / (2 * sin));
        }
        // Near a half turn the antisymmetric part vanishes: take the axis from the symmetric part
        // S = (R + R^T)/2 - cos I = (1 - cos) a a^T, using its largest diagonal entry for precision.
        double oneMinusCos = 1 - cos;
        int k = 0;
        for (int i = 1; i < 3; i++) {
            if (r.get(i, i) > r.get(k, k)) {
                k = i;
            }
        }
        double[] axis = new double[3];
        double akSquared = (r.get(k, k) - cos) / oneMinusCos;
        double ak = Math.sqrt(Math.max(0, akSquared));
        axis[k] = ak;
        for (int j = 0; j < 3; j++) {
            if (j != k) {
                axis[j] = (r.get(k, j) + r.get(j, k)) / 2 / (oneMinusCos * ak);
            }
        }
        Vec3 a = new Vec3(axis[0], axis[1], axis[2]).normalized();
        // Choose the sign that agrees with the (small but informative) antisymmetric part.
        if (a.dot(v) < 0) {
            a = a.times(-1);
        }
        return a.times(angle);
    }

    /**
     * The rotation matrix of a 6-D representation {@code (a1, a2)} = six values, first column then second
     * column (manopth's {@code rot6d}): {@code x = n(a1)}, {@code z = n(x cross a2)}, {@code y = z cross x};
     * the matrix has columns {@code (x, y, z)}. Fails when the two vectors are parallel or zero.
     */
    public static Mat3 sixDToMatrix(double[] sixD) {
        if (sixD.length != 6) {
            throw new IllegalArgumentException("a 6-D rotation needs 6 values, got " + sixD.length);
        }
        Vec3 a1 = Vec3.of(sixD, 0);
        Vec3 a2 = Vec3.of(sixD, 3);
        Vec3 x = unit(a1);
        Vec3 z = unit(x.cross(a2));
        Vec3 y = z.cross(x);
        return Mat3.ofColumns(x, y, z);
    }

    /**
     * manopth's robust 6-D variant: {@code m = n(n(a1)+n(a2))}, {@code o = n(n(a1)-n(a2))},
     * {@code x = n(m+o)}, {@code y = n(m-o)}, {@code z = n(x cross y)}; columns {@code (x, y, z)}. It treats
     * both input vectors symmetrically.
     */
    public static Mat3 sixDRobustToMatrix(double[] sixD) {
        if (sixD.length != 6) {
            throw new IllegalArgumentException("a 6-D rotation needs 6 values, got " + sixD.length);
        }
        Vec3 n1 = unit(Vec3.of(sixD, 0));
        Vec3 n2 = unit(Vec3.of(sixD, 3));
        Vec3 m = unit(n1.plus(n2));
        Vec3 o = unit(n1.minus(n2));
        Vec3 x = unit(m.plus(o));
        Vec3 y = unit(m.minus(o));
        Vec3 z = unit(x.cross(y));
        return Mat3.ofColumns(x, y, z);
    }

    /** The 6-D representation of {@code r}: its first column then its second column. */
    public static double[] matrixToSixD(Mat3 r) {
        return new double[] {r.get(0, 0), r.get(1, 0), r.get(2, 0), r.get(0, 1), r.get(1, 1), r.get(2, 1)};
    }

    /** The unit quaternion of an axis-angle vector (scalar part {@code cos(angle/2)} is never negative). */
    public static Quaternion axisAngleToQuaternion(Vec3 aa) {
        double t = aa.norm();
        double half = t / 2;
        // sin(t/2)/t with its series near zero.
        double s = t < SMALL_ANGLE ? 0.5 - t * t / 48 : Math.sin(half) / t;
        return new Quaternion(Math.cos(half), aa.x() * s, aa.y() * s, aa.z() * s);
    }

    /** The axis-angle vector of a quaternion (normalised first), angle in [0, pi]. */
    public static Vec3 quaternionToAxisAngle(Quaternion q) {
        Quaternion u = q.normalized();
        if (u.w() < 0) {
            u = new Quaternion(-u.w(), -u.x(), -u.y(), -u.z());
        }
        Vec3 v = new Vec3(u.x(), u.y(), u.z());
        double s = v.norm();
        double angle = 2 * Math.atan2(s, u.w());
        // angle / sin(angle/2) -> 2 + angle^2/12 near zero.
        double scale = s < SMALL_ANGLE ? 2 + angle * angle / 12 : angle / s;
        return v.times(scale);
    }

    /** The rotation matrix of a quaternion (normalised first). */
    public static Mat3 quaternionToMatrix(Quaternion q) {
        Quaternion u = q.normalized();
        double w = u.w();
        double x = u.x();
        double y = u.y();
        double z = u.z();
        return Mat3.ofRowMajor(
            1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y));
    }

    /** The unit quaternion of rotation matrix {@code r} (Shepperd's method: stable for every rotation). */
    public static Quaternion matrixToQuaternion(Mat3 r) {
        double trace = r.trace();
        double m00 = r.get(0, 0);
        double m11 = r.get(1, 1);
        double m22 = r.get(2, 2);
        Quaternion q;
        if (trace >= m00 && trace >= m11 && trace >= m22) {
            double s = 2 * Math.sqrt(Math.max(0, 1 + trace));
            q = new Quaternion(s / 4, (r.get(2, 1) - r.get(1, 2)) / s, (r.get(0, 2) - r.get(2, 0)) / s,
                (r.get(1, 0) - r.get(0, 1)) / s);
        } else if (m00 >= m11 && m00 >= m22) {
            double s = 2 * Math.sqrt(Math.max(0, 1 + m00 - m11 - m22));
            q = new Quaternion((r.get(2, 1) - r.get(1, 2)) / s, s / 4, (r.get(0, 1) + r.get(1, 0)) / s,
                (r.get(0, 2) + r.get(2, 0)) / s);
        } else if (m11 >= m22) {
            double s = 2 * Math.sqrt(Math.max(0, 1 + m11 - m00 - m22));
            q = new Quaternion((r.get(0, 2) - r.get(2, 0)) / s, (r.get(0, 1) + r.get(1, 0)) / s, s / 4,
                (r.get(1, 2) + r.get(2, 1)) / s);
        } else {
            double s = 2 * Math.sqrt(Math.max(0, 1 + m22 - m00 - m11));
            q = new Quaternion((r.get(1, 0) - r.get(0, 1)) / s, (r.get(0, 2) + r.get(2, 0)) / s,
                (r.get(1, 2) + r.get(2, 1)) / s, s / 4);
        }
        q = q.normalized();
        return q.w() < 0 ? new Quaternion(-q.w(), -q.x(), -q.y(), -q.z()) : q;
    }

    /** Geodesic distance (radians, in [0, pi]) between two rotations. */
    public static double angleBetween(Mat3 a, Mat3 b) {
        return matrixToAxisAngle(a.transpose().times(b)).norm();
    }

    private static Vec3 unit(Vec3 v) {
        double n = v.norm();
        if (n == 0 || !Double.isFinite(n)) {
            throw new ArithmeticException("degenerate 6-D rotation: zero or parallel vectors");
        }
        return v.times(1 / n);
    }
}
