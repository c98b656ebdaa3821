package org.ambidex.data;

import java.util.Objects;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;

/**
 * Converts InterHand2.6M's world-frame MANO parameters to a camera frame by transforming the parameters
 * (SEED_SPEC A.8, method 2), in metres:
 * <ol>
 * <li>{@code R_root' = Rodrigues^-1(R Rodrigues(pose[0:3]))};</li>
 * <li>{@code J_root} = the hand model's root joint for {@code R_root'}, the same finger pose and shape, no
 * translation (given by a {@link RootJoint});</li>
 * <li>{@code trans' = R trans - J_root + R J_root + t}.</li>
 * </ol>
 * The hand model's global rotation pivots about its root joint, so the model evaluated with the new parameters
 * equals the world-frame mesh moved into the camera frame.
 */
public final class ManoCameraConversion {

    /**
     * The root joint position (metres, no translation) of a hand model posed with a root orientation, the
     * finger pose (offsets from the hand mean, as the dataset stores them) and a shape.
     */
    @FunctionalInterface
    public interface RootJoint {
        /**
         * @param hand 0 = right, 1 = left
         * @param rootPose axis-angle of the root orientation, radians (3)
         * @param fingerPose 45 finger values relative to the hand mean
         * @param shape 10 shape coefficients
         * @return the root joint, metres
         */
        Vec3 position(int hand, double[] rootPose, double[] fingerPose, double[] shape);
    }

    private final RootJoint rootJoint;

    public ManoCameraConversion(RootJoint rootJoint) {
        this.rootJoint = Objects.requireNonNull(rootJoint, "rootJoint");
    }

    /** Both hands of {@code world} moved to the camera of {@code extrinsics} (translation in metres). */
    public ManoPair toCamera(ManoPair world, Extrinsics extrinsics) {
        return new ManoPair(toCamera(0, world.right(), extrinsics), toCamera(1, world.left(), extrinsics));
    }

    /** One hand ({@code null} stays {@code null}). */
    public ManoParams toCamera(int hand, ManoParams world, Extrinsics extrinsics) {
        if (world == null) {
            return null;
        }
        Mat3 r = extrinsics.rotation();
        double[] root = world.rootPose();
        double[] rootCam = Rotations.matrixToAxisAngle(r.times(Rotations.axisAngleToMatrix(Vec3.of(root, 0))))
            .toArray();
        Vec3 j = rootJoint.position(hand, rootCam, world.fingerPose(), world.shape());
        Vec3 trans = Vec3.of(world.trans(), 0);
        Vec3 transCam = r.times(trans).minus(j).plus(r.times(j)).plus(extrinsics.translation());
        return world.withRootAndTrans(rootCam, transCam.toArray());
    }
}
