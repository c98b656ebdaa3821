package org.ambidex.data;

import org.ambidex.geom.Mat3;

/**
 * OpenCV's {@code Rodrigues} in both directions, as the InterHand2.6M tools call it. Kept here until
 * {@code geom} offers rotations; one place only.
 */
final class AxisAngle {

    private AxisAngle() {
    }

    /** Rotation matrix of axis-angle {@code (rx, ry, rz)}, radians. */
    static Mat3 toMatrix(double rx, double ry, double rz) {
        double theta = Math.sqrt(rx * rx + ry * ry + rz * rz);
        if (theta < 2.220446049250313e-16) {
            return Mat3.IDENTITY;
        }
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        double c1 = 1 - c;
        double x = rx / theta;
        double y = ry / theta;
        double z = rz / theta;
        return Mat3.ofRowMajor(
            c + c1 * x * x, c1 * x * y - s * z, c1 * x * z + s * y,
            c1 * x * y + s * z, c + c1 * y * y, c1 * y * z - s * x,
            c1 * x * z - s * y, c1 * y * z + s * x, c + c1 * z * z);
    }

    /** Axis-angle of rotation matrix {@code r} (assumed orthonormal), radians, including the half-turn case. */
    static double[] fromMatrix(Mat3 r) {
        double rx = r.get(2, 1) - r.get(1, 2);
        double ry = r.get(0, 2) - r.get(2, 0);
        double rz = r.get(1, 0) - r.get(0, 1);
        double s = Math.sqrt((rx * rx + ry * ry + rz * rz) * 0.25);
        double c = (r.trace() - 1) * 0.5;
        c = c > 1 ? 1 : c < -1 ? -1 : c;
        double theta = Math.acos(c);
        if (s < 1e-5) {
            if (c > 0) {
                return new double[] {0, 0, 0};
            }
            double t = (r.get(0, 0) + 1) * 0.5;
            rx = Math.sqrt(Math.max(t, 0));
            t = (r.get(1, 1) + 1) * 0.5;
            ry = Math.sqrt(Math.max(t, 0)) * (r.get(0, 1) < 0 ? -1 : 1);
            t = (r.get(2, 2) + 1) * 0.5;
            rz = Math.sqrt(Math.max(t, 0)) * (r.get(0, 2) < 0 ? -1 : 1);
            if (Math.abs(rx) < Math.abs(ry) && Math.abs(rx) < Math.abs(rz) && (r.get(1, 2) > 0) != (ry * rz > 0)) {
                rz = -rz;
            }
            theta /= Math.sqrt(rx * rx + ry * ry + rz * rz);
            return new double[] {rx * theta, ry * theta, rz * theta};
        }
        double k = 1 / (2 * s) * theta;
        return new double[] {rx * k, ry * k, rz * k};
    }
}
