package org.ambidex.geom;

/**
 * Pinhole intrinsics in pixels, OpenCV convention (x right, y down, z forward):
 * {@code u = fx X/Z + cx}, {@code v = fy Y/Z + cy}. No lens distortion (none of the datasets model it).
 *
 * @param fx focal length along x, pixels
 * @param fy focal length along y, pixels
 * @param cx principal point x, pixels
 * @param cy principal point y, pixels
 */
public record Intrinsics(double fx, double fy, double cx, double cy) {

    /** Projects a camera-frame point to pixels {@code (u, v)}; the depth is {@code p.z()}. */
    public double[] project(Vec3 p) {
        return new double[] {fx * p.x() / p.z() + cx, fy * p.y() / p.z() + cy};
    }

    /** Projects packed camera-frame points {@code (x, y, z, ...)} to packed pixels {@code (u, v, ...)}. */
    public double[] projectAll(double[] xyz) {
        int n = xyz.length / 3;
        double[] uv = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double z = xyz[3 * i + 2];
            uv[2 * i] = fx * xyz[3 * i] / z + cx;
            uv[2 * i + 1] = fy * xyz[3 * i + 1] / z + cy;
        }
        return uv;
    }

    /** Back-projects pixel {@code (u, v)} at depth {@code z} (camera frame, same unit as z). */
    public Vec3 unproject(double u, double v, double z) {
        return new Vec3((u - cx) / fx * z, (v - cy) / fy * z, z);
    }

    /** The 3x3 calibration matrix K. */
    public Mat3 matrix() {
        return Mat3.ofRowMajor(fx, 0, cx, 0, fy, cy, 0, 0, 1);
    }

    /** These intrinsics after the image is scaled by {@code s} and shifted by {@code (dx, dy)} pixels. */
    public Intrinsics scaledAndShifted(double s, double dx, double dy) {
        return new Intrinsics(fx * s, fy * s, cx * s + dx, cy * s + dy);
    }
}
