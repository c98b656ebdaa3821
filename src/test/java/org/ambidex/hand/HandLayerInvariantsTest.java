package org.ambidex.hand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.junit.jupiter.api.Test;

/** Properties of the layer that hold for any model: rest pose, rigid global motion, parametrisations, gradients. */
class HandLayerInvariantsTest {

    private static final int V = 40;
    private final HandModel model = SyntheticHandModels.random(1, V, 6);

    @Test
    void restPoseWithFlatMeanIsTheTemplateAndJointsAreRegressed() {
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             HandLayer layer = new HandLayer(model, m, DataType.FLOAT64)) {
            HandParams p = HandParams.axisAngle(m.zeros(new Shape(2, 3), DataType.FLOAT64),
                m.zeros(new Shape(2, 45), DataType.FLOAT64), true);
            try (HandOutput out = layer.forward(p)) {
                assertThat(out.vertices().getShape()).isEqualTo(new Shape(2, V, 3));
                double[] v = out.vertices().toDoubleArray();
                double[] t = model.vTemplate().toDoubleArray();
                for (int i = 0; i < t.length; i++) {
                    assertThat(Math.abs(v[i] - t[i])).isLessThan(1e-12);
                    assertThat(Math.abs(v[t.length + i] - t[i])).isLessThan(1e-12);
                }
                double[] j = out.joints16().toDoubleArray();
                double[] reg = model.jRegressor().toDoubleArray();
                for (int k = 0; k < 16; k++) {
                    for (int c = 0; c < 3; c++) {
                        double expected = 0;
                        for (int vi = 0; vi < V; vi++) {
                            expected += reg[k * V + vi] * t[vi * 3 + c];
                        }
                        assertThat(Math.abs(j[k * 3 + c] - expected)).isLessThan(1e-12);
                    }
                }
                // Model-declared tips serve every fingertip set; OpenPose slot 4 is the thumb tip.
                double[] kp = out.keypoints().toDoubleArray();
                int thumbTip = V - 1;
                for (int c = 0; c < 3; c++) {
                    assertThat(kp[4 * 3 + c]).isEqualTo(v[thumbTip * 3 + c]);
                    assertThat(kp[c]).isEqualTo(j[c]); // wrist
                }
                double[] transforms = out.skinningTransforms().toDoubleArray();
                for (int k = 0; k < 16; k++) {
                    for (int r = 0; r < 4; r++) {
                        for (int c = 0; c < 4; c++) {
                            assertThat(Math.abs(transforms[k * 16 + r * 4 + c] - (r == c ? 1 : 0))).isLessThan(1e-12);
                        }
                    }
                }
            }
        }
    }

    @Test
    void globalRotationPivotsAboutTheRootJointAndTranslationShiftsEverything() {
        Random r = new Random(2);
        double[] pose = SyntheticHandModels.gaussian(r, 45, 0.3);
        double[] betas = SyntheticHandModels.gaussian(r, 6, 1);
        Vec3 aa = new Vec3(0.4, -1.1, 0.7);
        Mat3 rot = Rotations.axisAngleToMatrix(aa);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             HandLayer layer = new HandLayer(model, m, DataType.FLOAT64)) {
            double[] still = run(layer, m, betas, new double[3], pose, new double[3], false).vertices().toDoubleArray();
            double[] rootJoint = run(layer, m, betas, new double[3], pose, new double[3], false).joints16()
                .toDoubleArray();
            double[] transl = {0.1, -0.2, 0.3};
            double[] moved = run(layer, m, betas, aa.toArray(), pose, transl, false).vertices().toDoubleArray();
            Vec3 j0 = Vec3.of(rootJoint, 0);
            for (int v = 0; v < V; v++) {
                Vec3 expected = rot.times(Vec3.of(still, 3 * v).minus(j0)).plus(j0).plus(Vec3.of(transl, 0));
                assertThat(Vec3.of(moved, 3 * v).distance(expected)).isLessThan(1e-9);
            }
        }
    }

    @Test
    void sixDAndMatrixGlobalOrientationsEqualAxisAngle() {
        Vec3 aa = new Vec3(0.4, -1.1, 2.9);
        Mat3 rot = Rotations.axisAngleToMatrix(aa);
        double[] pose = SyntheticHandModels.gaussian(new Random(4), 45, 0.3);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             HandLayer layer = new HandLayer(model, m, DataType.FLOAT64)) {
            NDArray hand = m.create(pose, new Shape(1, 45));
            double[] viaAxisAngle = layer.forward(HandParams.axisAngle(m.create(aa.toArray(), new Shape(1, 3)), hand,
                true)).vertices().toDoubleArray();
            double[] six = Rotations.matrixToSixD(rot);
            for (int i = 0; i < 3; i++) {
                six[i] *= 2.5; // 6-D inputs need not be normalised...
                six[3 + i] += 0.3 * six[i]; // ...nor orthogonal
            }
            double[] viaSixD = layer.forward(HandParams.axisAngle(m.create(six, new Shape(1, 6)), hand, true))
                .vertices().toDoubleArray();
            double[] viaMatrix = layer.forward(HandParams.axisAngle(m.create(rot.toRowMajor(), new Shape(1, 3, 3)),
                hand, true)).vertices().toDoubleArray();
            // smplx's Rodrigues adds 1e-8 inside the angle norm, so axis-angle rotations are exact to ~1e-8 only.
            for (int i = 0; i < viaAxisAngle.length; i++) {
                assertThat(Math.abs(viaSixD[i] - viaAxisAngle[i])).isLessThan(1e-8);
                assertThat(Math.abs(viaMatrix[i] - viaSixD[i])).isLessThan(1e-14);
            }
        }
    }

    @Test
    void pcaCoefficientsOfAPoseReproduceItThroughTheRealInverse() {
        double[] pose = SyntheticHandModels.gaussian(new Random(8), 45, 0.3);
        double[] coefficients = model.axisAngleToPca(pose, false);
        assertThat(model.pcaToAxisAngle(coefficients, false)).containsExactly(pose,
            org.assertj.core.data.Offset.offset(1e-12));
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             HandLayer layer = new HandLayer(model, m, DataType.FLOAT64)) {
            NDArray orient = m.create(new double[] {0.1, 0.2, 0.3}, new Shape(1, 3));
            NDArray viaLayer = layer.axisAngleToPca(m.create(pose, new Shape(1, 45)), false);
            assertThat(viaLayer.toDoubleArray()).containsExactly(coefficients, org.assertj.core.data.Offset.offset(1e-10));
            // The coefficients reproduce the full finger pose (hand mean included): an axis-angle input used flat.
            double[] a = layer.forward(HandParams.axisAngle(orient, m.create(pose, new Shape(1, 45)), true))
                .vertices().toDoubleArray();
            double[] b = layer.forward(HandParams.pca(orient, viaLayer, false)).vertices().toDoubleArray();
            assertThat(b).containsExactly(a, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void theChainFastPathEqualsTheGeneralTreeKinematics() {
        Random r = new Random(21);
        double[] pose = SyntheticHandModels.gaussian(r, 3 * 45, 0.5);
        double[] orient = SyntheticHandModels.gaussian(r, 3 * 3, 1);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             HandLayer fast = new HandLayer(model, m, DataType.FLOAT64);
             HandLayer general = new HandLayer(model, m, DataType.FLOAT64, false)) {
            HandParams p = HandParams.axisAngle(m.create(orient, new Shape(3, 3)), m.create(pose, new Shape(3, 45)),
                false).withTransl(m.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new Shape(3, 3)));
            HandOutput a = fast.forward(p);
            HandOutput b = general.forward(p);
            assertThat(a.vertices().toDoubleArray()).containsExactly(b.vertices().toDoubleArray(),
                org.assertj.core.data.Offset.offset(1e-14));
            assertThat(a.skinningTransforms().toDoubleArray()).containsExactly(b.skinningTransforms().toDoubleArray(),
                org.assertj.core.data.Offset.offset(1e-14));
            assertThat(a.keypoints().toDoubleArray()).containsExactly(b.keypoints().toDoubleArray(),
                org.assertj.core.data.Offset.offset(1e-14));
        }
    }

    @Test
    void float32AgreesWithFloat64() {
        double[] pose = SyntheticHandModels.gaussian(new Random(9), 45, 0.5);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             HandLayer l64 = new HandLayer(model, m, DataType.FLOAT64);
             HandLayer l32 = new HandLayer(model, m, DataType.FLOAT32)) {
            double[] betas = {1, -1, 0.5, 0, 0.2, 2};
            double[] a = run(l64, m, betas, new double[] {1, 2, 0.5}, pose, new double[] {0, 0, 1}, false)
                .vertices().toDoubleArray();
            HandOutput o32 = run(l32, m, betas, new double[] {1, 2, 0.5}, pose, new double[] {0, 0, 1}, false);
            assertThat(o32.vertices().getDataType()).isEqualTo(DataType.FLOAT32);
            double[] b = o32.vertices().toType(DataType.FLOAT64, false).toDoubleArray();
            assertThat(b).containsExactly(a, org.assertj.core.data.Offset.offset(2e-6));
        }
    }

    @Test
    void gradientsMatchCentralFiniteDifferences() {
        Random r = new Random(12);
        double[] betas = SyntheticHandModels.gaussian(r, 2 * 6, 1);
        double[] orient = SyntheticHandModels.gaussian(r, 2 * 3, 1);
        double[] pose = SyntheticHandModels.gaussian(r, 2 * 45, 0.4);
        double[] transl = SyntheticHandModels.gaussian(r, 2 * 3, 0.1);
        double[] vertexWeights = SyntheticHandModels.gaussian(r, 2 * V * 3, 1);
        double[] keypointWeights = SyntheticHandModels.gaussian(r, 2 * 21 * 3, 1);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             HandLayer layer = new HandLayer(model, m, DataType.FLOAT64)) {
            NDArray bA = m.create(betas, new Shape(2, 6));
            NDArray oA = m.create(orient, new Shape(2, 3));
            NDArray pA = m.create(pose, new Shape(2, 45));
            NDArray tA = m.create(transl, new Shape(2, 3));
            for (NDArray a : new NDArray[] {bA, oA, pA, tA}) {
                a.setRequiresGradient(true);
            }
            NDArray wv = m.create(vertexWeights, new Shape(2, V, 3));
            NDArray wk = m.create(keypointWeights, new Shape(2, 21, 3));
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                HandOutput out = layer.forward(new HandParams(bA, oA, pA, HandPoseKind.AXIS_ANGLE, tA, false));
                NDArray loss = out.vertices().mul(wv).sum().add(out.keypoints().mul(wk).sum());
                gc.backward(loss);
            }
            double[][] inputs = {betas, orient, pose, transl};
            double[][] grads = {bA.getGradient().toDoubleArray(), oA.getGradient().toDoubleArray(),
                pA.getGradient().toDoubleArray(), tA.getGradient().toDoubleArray()};
            String[] names = {"betas", "global_orient", "hand_pose", "transl"};
            double h = 1e-6;
            for (int which = 0; which < 4; which++) {
                for (int i = 0; i < inputs[which].length; i += which == 2 ? 7 : 1) {
                    double saved = inputs[which][i];
                    inputs[which][i] = saved + h;
                    double plus = loss(layer, m, inputs, vertexWeights, keypointWeights);
                    inputs[which][i] = saved - h;
                    double minus = loss(layer, m, inputs, vertexWeights, keypointWeights);
                    inputs[which][i] = saved;
                    double numeric = (plus - minus) / (2 * h);
                    assertThat(Math.abs(grads[which][i] - numeric))
                        .as("d loss / d %s[%d]: autograd %s, finite differences %s", names[which], i, grads[which][i],
                            numeric)
                        .isLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
                }
            }
        }
    }

    @Test
    void gradientsThroughPcaCoefficientsAndSixDOrientationMatchFiniteDifferences() {
        Random r = new Random(13);
        double[] sixD = SyntheticHandModels.gaussian(r, 6, 1);
        double[] pca = SyntheticHandModels.gaussian(r, 12, 1);
        double[] weights = SyntheticHandModels.gaussian(r, V * 3, 1);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             HandLayer layer = new HandLayer(model, m, DataType.FLOAT64)) {
            java.util.function.Function<double[][], Double> loss = in -> {
                try (NDManager scope = m.newSubManager()) {
                    double[] v = layer.forward(HandParams.pca(scope.create(in[0], new Shape(1, 6)),
                        scope.create(in[1], new Shape(1, 12)), false)).vertices().toDoubleArray();
                    double sum = 0;
                    for (int i = 0; i < v.length; i++) {
                        sum += v[i] * weights[i];
                    }
                    return sum;
                }
            };
            NDArray o = m.create(sixD, new Shape(1, 6));
            NDArray c = m.create(pca, new Shape(1, 12));
            o.setRequiresGradient(true);
            c.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray l = layer.forward(HandParams.pca(o, c, false)).vertices()
                    .mul(m.create(weights, new Shape(1, V, 3))).sum();
                gc.backward(l);
            }
            double[][] inputs = {sixD, pca};
            double[][] grads = {o.getGradient().toDoubleArray(), c.getGradient().toDoubleArray()};
            double h = 1e-6;
            for (int which = 0; which < 2; which++) {
                for (int i = 0; i < inputs[which].length; i++) {
                    double saved = inputs[which][i];
                    inputs[which][i] = saved + h;
                    double plus = loss.apply(inputs);
                    inputs[which][i] = saved - h;
                    double minus = loss.apply(inputs);
                    inputs[which][i] = saved;
                    double numeric = (plus - minus) / (2 * h);
                    assertThat(Math.abs(grads[which][i] - numeric)).as("input %d[%d]", which, i)
                        .isLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
                }
            }
        }
    }

    @Test
    void wrongInputsAreRefused() {
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             HandLayer layer = new HandLayer(model, m, DataType.FLOAT64)) {
            NDArray orient = m.zeros(new Shape(1, 3), DataType.FLOAT64);
            assertThatThrownBy(() -> HandParams.axisAngle(orient, m.zeros(new Shape(1, 44)), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("45");
            assertThatThrownBy(() -> HandParams.pca(orient, m.zeros(new Shape(1, 46)), true))
                .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> HandParams.axisAngle(m.zeros(new Shape(1, 4)), m.zeros(new Shape(1, 45)), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("globalOrient");
            HandParams tooManyBetas = HandParams.axisAngle(orient, m.zeros(new Shape(1, 45)), true)
                .withBetas(m.zeros(new Shape(1, 7)));
            assertThatThrownBy(() -> layer.forward(tooManyBetas)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 shape directions");
        }
    }

    private static double loss(HandLayer layer, NDManager m, double[][] in, double[] wv, double[] wk) {
        try (NDManager scope = m.newSubManager()) {
            HandOutput out = layer.forward(new HandParams(scope.create(in[0], new Shape(2, 6)),
                scope.create(in[1], new Shape(2, 3)), scope.create(in[2], new Shape(2, 45)), HandPoseKind.AXIS_ANGLE,
                scope.create(in[3], new Shape(2, 3)), false));
            double[] v = out.vertices().toDoubleArray();
            double[] k = out.keypoints().toDoubleArray();
            double sum = 0;
            for (int i = 0; i < v.length; i++) {
                sum += v[i] * wv[i];
            }
            for (int i = 0; i < k.length; i++) {
                sum += k[i] * wk[i];
            }
            return sum;
        }
    }

    private static HandOutput run(HandLayer layer, NDManager m, double[] betas, double[] orient, double[] pose,
                                  double[] transl, boolean flat) {
        return layer.forward(new HandParams(m.create(betas, new Shape(1, betas.length)),
            m.create(orient, new Shape(1, 3)), m.create(pose, new Shape(1, 45)), HandPoseKind.AXIS_ANGLE,
            m.create(transl, new Shape(1, 3)), flat));
    }
}
