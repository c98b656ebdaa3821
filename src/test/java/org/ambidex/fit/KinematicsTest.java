package org.ambidex.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandParamArrays;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.hand.PosedHandArrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fitter's own kinematics against the project's hand layer: the 21-keypoint forward pass
 * ({@link KeypointSkeleton}) and the full mesh ({@link MeshPosing}) equal {@code HandLayer}'s float64 output, and
 * the keypoints' analytic Jacobian equals central finite differences. The layer's Rodrigues adds smplx's 1e-8 to
 * every axis-angle component inside the angle's norm, which moves points by a few 1e-9 m; the fitter uses exact
 * rotations, so the tolerance is 1e-8 m (the requirement is 1e-6 m).
 */
class KinematicsTest {

    private static final double LAYER_TOLERANCE = 1e-8;

    static Stream<Arguments> cases() {
        return Stream.of("open", "mano").flatMap(m -> Stream.of(HandSide.values())
            .flatMap(s -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(m, s, seed))));
    }

    /** Random parameters: betas, 48 axis-angle values (global + 15, flat), translation. */
    private static double[][] randomParameters(HandModel model, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] betas = new double[model.shapeCount()];
        for (int l = 0; l < betas.length; l++) {
            betas[l] = r.nextGaussian();
        }
        double[] pose = new double[48];
        for (int i = 0; i < 48; i++) {
            pose[i] = (i < 3 ? 1.5 : 0.5) * r.nextGaussian();
        }
        double[] transl = {0.1 * r.nextGaussian(), 0.1 * r.nextGaussian(), 0.5 + r.nextDouble()};
        return new double[][] {betas, pose, transl};
    }

    private static PosedHandArrays layer(HandModel model, double[][] p) {
        try (ArrayHandPoser poser = new ArrayHandPoser(model)) {
            return poser.pose(new HandParamArrays(new double[][] {p[0]}, new double[][] {java.util.Arrays.copyOf(p[1], 3)},
                new double[][] {java.util.Arrays.copyOfRange(p[1], 3, 48)}, HandPoseKind.AXIS_ANGLE,
                new double[][] {p[2]}, true), FingertipSet.INTAGHAND, JointOrder.OPENPOSE);
        }
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void meshPosingEqualsTheHandLayer(String name, HandSide side, long seed) {
        HandModel model = TestModels.named(name, side);
        double[][] p = randomParameters(model, seed);
        PosedHandArrays expected = layer(model, p);
        MeshPosing.Posed posed = new MeshPosing(new ModelArrays(model), model.tipVertices(FingertipSet.INTAGHAND))
            .pose(p[0], p[1], p[2]);
        assertThat(maxAbsDifference(posed.vertices(), expected.vertices(0))).isLessThan(LAYER_TOLERANCE);
        assertThat(maxAbsDifference(posed.keypoints(), expected.joints(0))).isLessThan(LAYER_TOLERANCE);
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void keypointsEqualTheHandLayer(String name, HandSide side, long seed) {
        HandModel model = TestModels.named(name, side);
        double[][] p = randomParameters(model, seed);
        KeypointSkeleton skeleton = new KeypointSkeleton(new ModelArrays(model), model.tipVertices(FingertipSet.INTAGHAND));
        KeypointSkeleton.Pose pose = skeleton.newPose();
        double[] root = new double[9];
        double[] local = new double[135];
        Mat3Buffers.setRotation(p[1], 0, root, 0);
        for (int k = 1; k < 16; k++) {
            Mat3Buffers.setRotation(p[1], 3 * k, local, 9 * (k - 1));
        }
        skeleton.forward(root, local, p[0], pose);
        double[] keypoints = pose.keypoints.clone();
        for (int i = 0; i < 21; i++) {
            for (int c = 0; c < 3; c++) {
                keypoints[3 * i + c] += p[2][c];
            }
        }
        double[] expected = JointOrder.MANO16_TIPS.convert(layer(model, p).joints(0), JointOrder.OPENPOSE, 3);
        assertThat(maxAbsDifference(keypoints, expected)).isLessThan(LAYER_TOLERANCE);
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void jacobianEqualsFiniteDifferences(String name, HandSide side, long seed) {
        HandModel model = TestModels.named(name, side);
        ModelArrays arrays = new ModelArrays(model);
        KeypointSkeleton skeleton = new KeypointSkeleton(arrays, model.tipVertices(FingertipSet.INTAGHAND));
        JointFrames frames = JointFrames.of(model, skeleton.restKeypoints());
        SplittableRandom r = new SplittableRandom(seed);
        double[] rootAxisAngle = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        double[] angles = new double[45];
        for (int i = 0; i < 45; i++) {
            angles[i] = frames.limit(i).at(r.nextDouble());
        }
        double[] betas = new double[skeleton.shapes()];
        for (int l = 0; l < betas.length; l++) {
            betas[l] = r.nextGaussian();
        }
        int width = skeleton.columns();
        double[] jac = new double[63 * width];
        double[] local = new double[135];
        double[] axes = new double[135];
        KeypointSkeleton.Pose pose = skeleton.newPose();
        double[] root = new double[9];
        Mat3Buffers.setRotation(rootAxisAngle, 0, root, 0);
        frames.compose(angles, local, axes, new double[JointFrames.workSize()]);
        skeleton.forward(root, local, betas, pose);
        skeleton.jacobian(pose, local, axes, jac);
        double h = 1e-6;
        double worst = 0;
        for (int col = 0; col < width; col++) {
            double[] plus = keypointsMoved(skeleton, frames, rootAxisAngle, angles, betas, col, h);
            double[] minus = keypointsMoved(skeleton, frames, rootAxisAngle, angles, betas, col, -h);
            for (int row = 0; row < 63; row++) {
                double numeric = (plus[row] - minus[row]) / (2 * h);
                worst = Math.max(worst, Math.abs(numeric - jac[row * width + col]));
            }
        }
        // Keypoint derivatives are of order 0.1 m per radian; central differences are good to about 1e-9.
        assertThat(worst).isLessThan(1e-7);
    }

    /** The keypoints with Jacobian column {@code col}'s parameter moved by {@code h} (the root on the left). */
    private static double[] keypointsMoved(KeypointSkeleton skeleton, JointFrames frames, double[] rootAxisAngle,
                                           double[] angles, double[] betas, int col, double h) {
        double[] root = new double[9];
        Mat3Buffers.setRotation(rootAxisAngle, 0, root, 0);
        double[] a = angles.clone();
        double[] b = betas.clone();
        if (col < 3) {
            double[] turn = new double[9];
            double[] step = new double[3];
            step[col] = h;
            Mat3Buffers.setRotation(step, 0, turn, 0);
            double[] turned = new double[9];
            Mat3Buffers.multiply(turn, 0, root, 0, turned, 0);
            root = turned;
        } else if (col < 48) {
            a[col - 3] += h;
        } else {
            b[col - 48] += h;
        }
        double[] local = new double[135];
        frames.compose(a, local, new double[135], new double[JointFrames.workSize()]);
        KeypointSkeleton.Pose pose = skeleton.newPose();
        skeleton.forward(root, local, b, pose);
        return pose.keypoints.clone();
    }

    static double maxAbsDifference(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
