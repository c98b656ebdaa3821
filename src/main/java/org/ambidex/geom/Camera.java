package org.ambidex.geom;

/**
 * A calibrated pinhole camera: world-to-camera extrinsics, then intrinsics (OpenCV frame).
 *
 * @param intrinsics focal lengths and principal point, pixels
 * @param extrinsics world-to-camera transform
 */
public record Camera(Intrinsics intrinsics, Extrinsics extrinsics) {

    /** A camera whose frame is the world frame. */
    public static Camera atOrigin(Intrinsics intrinsics) {
        return new Camera(intrinsics, Extrinsics.IDENTITY);
    }

    /** Pixel {@code (u, v)} of a world point. */
    public double[] project(Vec3 world) {
        return intrinsics.project(extrinsics.toCamera(world));
    }
}
