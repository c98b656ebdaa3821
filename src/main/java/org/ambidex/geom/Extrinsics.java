package org.ambidex.geom;

/**
 * World-to-camera rigid transform {@code X_cam = R X_world + t}. The camera centre in world coordinates is
 * {@code -R^T t}. Units of {@code t} are those of the points (metres by convention).
 *
 * @param rotation R, world-to-camera rotation
 * @param translation t
 */
public record Extrinsics(Mat3 rotation, Vec3 translation) {

    public static final Extrinsics IDENTITY = new Extrinsics(Mat3.IDENTITY, Vec3.ZERO);

    /** From InterHand2.6M's {@code camrot} R and {@code campos} C: {@code X_cam = R (X - C)}, so {@code t = -R C}. */
    public static Extrinsics fromRotationAndCentre(Mat3 rotation, Vec3 centre) {
        return new Extrinsics(rotation, rotation.times(centre).times(-1));
    }

    public Vec3 toCamera(Vec3 world) {
        return rotation.times(world).plus(translation);
    }

    public Vec3 toWorld(Vec3 camera) {
        return rotation.transpose().times(camera.minus(translation));
    }

    /** The camera centre in world coordinates. */
    public Vec3 centre() {
        return rotation.transpose().times(translation).times(-1);
    }
}
