package org.ambidex.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.junit.jupiter.api.Test;

class ManoCameraConversionTest {

    private static final Mat3 RZ90 = Mat3.ofRowMajor(0, -1, 0, 1, 0, 0, 0, 0, 1);

    @Test
    void handComputedConversion() {
        // camera: R = Rz(90), centre (0.1, 0.2, 0.3) m, so t = -R C = (0.2, -0.1, -0.3)
        Extrinsics ext = Extrinsics.fromRotationAndCentre(RZ90, new Vec3(0.1, 0.2, 0.3));
        ManoCameraConversion conversion = new ManoCameraConversion((hand, root, fingers, shape) -> new Vec3(0.1, 0, 0));
        double[] pose = new double[48];
        pose[5] = 0.7;
        ManoParams world = new ManoParams(pose, new double[10], new double[] {0.01, 0.02, 0.03});
        ManoParams cam = conversion.toCamera(0, world, ext);
        // root: Rz(90) * I -> axis-angle (0, 0, pi/2)
        assertThat(cam.rootPose()).containsExactly(new double[] {0, 0, Math.PI / 2}, within(1e-12));
        // trans' = R trans - J + R J + t = (-0.02, 0.01, 0.03) - (0.1, 0, 0) + (0, 0.1, 0) + (0.2, -0.1, -0.3)
        assertThat(cam.trans()).containsExactly(new double[] {0.08, 0.01, -0.27}, within(1e-12));
        assertThat(cam.fingerPose()).isEqualTo(world.fingerPose());
        assertThat(conversion.toCamera(1, null, ext)).isNull();
    }

    /** A rigid point set posed like MANO's root: rotate about the root joint, then translate. */
    private static Vec3[] pose(Vec3[] local, Vec3 rootJoint, double[] root, double[] trans) {
        Mat3 r = Rotations.axisAngleToMatrix(Vec3.of(root, 0));
        Vec3[] out = new Vec3[local.length];
        for (int i = 0; i < local.length; i++) {
            out[i] = r.times(local[i].minus(rootJoint)).plus(rootJoint).plus(Vec3.of(trans, 0));
        }
        return out;
    }

    @Test
    void convertedParametersPoseTheMeshWhereTheCameraSeesTheWorldMesh() {
        SplittableRandom random = new SplittableRandom(7);
        Vec3 rootJoint = new Vec3(0.095, 0.006, 0.006);
        Vec3[] local = new Vec3[20];
        for (int i = 0; i < local.length; i++) {
            local[i] = new Vec3(random.nextDouble(-0.1, 0.1), random.nextDouble(-0.1, 0.1), random.nextDouble(-0.1, 0.1));
        }
        ManoCameraConversion conversion = new ManoCameraConversion((hand, root, fingers, shape) -> rootJoint);
        for (int trial = 0; trial < 20; trial++) {
            double[] root = {random.nextDouble(-2, 2), random.nextDouble(-2, 2), random.nextDouble(-2, 2)};
            double[] trans = {random.nextDouble(-0.5, 0.5), random.nextDouble(-0.5, 0.5), random.nextDouble(0.5, 1.5)};
            Vec3 axis = new Vec3(random.nextDouble(-1, 1), random.nextDouble(-1, 1), random.nextDouble(-1, 1)).normalized();
            double angle = random.nextDouble(0, Math.PI);
            Mat3 camRot = Rotations.axisAngleToMatrix(axis.times(angle));
            Extrinsics ext = Extrinsics.fromRotationAndCentre(camRot,
                new Vec3(random.nextDouble(-1, 1), random.nextDouble(-1, 1), random.nextDouble(-1, 1)));
            double[] pose = new double[48];
            System.arraycopy(root, 0, pose, 0, 3);
            ManoParams cam = conversion.toCamera(0, new ManoParams(pose, new double[10], trans), ext);
            Vec3[] world = pose(local, rootJoint, root, trans);
            Vec3[] direct = pose(local, rootJoint, cam.rootPose(), cam.trans());
            for (int i = 0; i < local.length; i++) {
                Vec3 expected = ext.toCamera(world[i]);
                assertThat(direct[i].distance(expected)).isLessThan(1e-12);
            }
        }
    }
}
