package org.ambidex.synth;

import java.util.random.RandomGenerator;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;

/**
 * Cameras placed around the hands as in a capture dome: each at a random direction from the world origin, 0.7
 * to 1.0 m away, looking at a point near the origin with a random roll, 334 x 512 pixels (InterHand2.6M's
 * size) and a focal length that keeps two hands well inside the picture.
 */
final class CameraRig {

    static final int WIDTH = 334;
    static final int HEIGHT = 512;

    private CameraRig() {
    }

    static Camera sample(RandomGenerator random) {
        Vec3 direction = SceneSampler.randomDirection(random);
        double distance = random.nextDouble(0.7, 1.0);
        Vec3 centre = direction.times(distance);
        Vec3 target = new Vec3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()).times(0.015);
        Vec3 z = target.minus(centre).normalized();
        Vec3 hint = Math.abs(z.y()) > 0.95 ? new Vec3(0, 0, 1) : new Vec3(0, 1, 0);
        Vec3 x = hint.cross(z).normalized();
        Vec3 y = z.cross(x);
        Mat3 rotation = Mat3.ofRows(x, y, z);
        double roll = Math.toRadians(random.nextDouble(-30, 30));
        rotation = Rotations.axisAngleToMatrix(new Vec3(0, 0, roll)).times(rotation);
        double focal = random.nextDouble(550, 750);
        Intrinsics k = new Intrinsics(focal, focal * random.nextDouble(0.995, 1.005),
            WIDTH / 2.0 + random.nextGaussian() * 3, HEIGHT / 2.0 + random.nextGaussian() * 3);
        return new Camera(k, Extrinsics.fromRotationAndCentre(rotation, centre));
    }
}
