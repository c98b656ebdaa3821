package org.ambidex.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.NdArray;
import org.junit.jupiter.api.Test;

class HandLayerRootJointTest {

    private static final int[] MANO_PARENTS = {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14};

    /** A small random model with MANO's tree (regressor rows sum to one, skinning weights too). */
    static HandModel randomModel(long seed, int vertices) {
        Random r = new Random(seed);
        double[] regressor = new double[16 * vertices];
        for (int j = 0; j < 16; j++) {
            double sum = 0;
            for (int k = 0; k < 5; k++) {
                int v = r.nextInt(vertices);
                double w = 0.1 + r.nextDouble();
                regressor[j * vertices + v] += w;
                sum += w;
            }
            for (int v = 0; v < vertices; v++) {
                regressor[j * vertices + v] /= sum;
            }
        }
        double[] weights = new double[vertices * 16];
        for (int v = 0; v < vertices; v++) {
            double sum = 0;
            for (int j = 0; j < 16; j++) {
                double w = r.nextDouble() < 0.3 ? r.nextDouble() : 0;
                weights[v * 16 + j] = w;
                sum += w;
            }
            if (sum == 0) {
                weights[v * 16] = sum = 1;
            }
            for (int j = 0; j < 16; j++) {
                weights[v * 16 + j] /= sum;
            }
        }
        int faces = vertices - 2;
        int[] f = new int[faces * 3];
        for (int i = 0; i < faces; i++) {
            f[3 * i] = i;
            f[3 * i + 1] = i + 1;
            f[3 * i + 2] = i + 2;
        }
        return HandModel.builder("random-test", HandSide.RIGHT)
            .vTemplate(NdArray.ofDoubles(new int[] {vertices, 3}, gaussian(r, vertices * 3, 0.05)))
            .faces(NdArray.ofInts(new int[] {faces, 3}, f))
            .jRegressor(NdArray.ofDoubles(new int[] {16, vertices}, regressor))
            .weights(NdArray.ofDoubles(new int[] {vertices, 16}, weights))
            .posedirs(NdArray.ofDoubles(new int[] {vertices, 3, 135}, gaussian(r, vertices * 3 * 135, 0.002)))
            .shapedirs(NdArray.ofDoubles(new int[] {vertices, 3, 10}, gaussian(r, vertices * 30, 0.01)))
            .handsComponents(NdArray.ofDoubles(new int[] {45, 45}, gaussian(r, 45 * 45, 0.5)))
            .handsMean(NdArray.ofDoubles(new int[] {45}, gaussian(r, 45, 0.2)))
            .parents(MANO_PARENTS)
            .tipVertices(new int[] {vertices - 1, vertices - 2, vertices - 3, vertices - 4, vertices - 5})
            .build();
    }

    private static double[] gaussian(Random r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian() * scale;
        }
        return a;
    }

    private static double[][] forward(HandLayer layer, NDManager m, ManoParams p) {
        HandParams params = new HandParams(m.create(p.shape(), new Shape(1, 10)), m.create(p.rootPose(), new Shape(1, 3)),
            m.create(p.fingerPose(), new Shape(1, 45)), HandPoseKind.AXIS_ANGLE, m.create(p.trans(), new Shape(1, 3)),
            false);
        try (HandOutput out = layer.forward(params, FingertipSet.INTERHAND, JointOrder.MANO16)) {
            return new double[][] {out.vertices().toType(DataType.FLOAT64, false).toDoubleArray(),
                out.joints16().toType(DataType.FLOAT64, false).toDoubleArray()};
        }
    }

    /**
     * Method 2 reproduces method 1 (transforming the mesh) up to exactly the tool's own approximation: it
     * regresses the root from the posed mesh ({@code J_reg}) instead of using the skeleton's root {@code J0},
     * which moves every vertex by {@code (R - I)(J_reg - J0)}.
     */
    @Test
    void parameterConversionEqualsTransformingTheMeshUpToTheToolsRootRegression() {
        HandModel model = randomModel(5, 60);
        Random r = new Random(9);
        try (NDManager m = NDManager.newBaseManager();
             HandLayer layer = new HandLayer(model, m, DataType.FLOAT64);
             HandLayerRootJoint root = new HandLayerRootJoint(model, model)) {
            ManoCameraConversion conversion = new ManoCameraConversion(root);
            for (int trial = 0; trial < 5; trial++) {
                ManoParams world = new ManoParams(gaussian(r, 48, 0.4), gaussian(r, 10, 1),
                    new double[] {r.nextGaussian() * 0.1, r.nextGaussian() * 0.1, 1 + r.nextGaussian() * 0.1});
                Mat3 rot = Rotations.axisAngleToMatrix(new Vec3(r.nextGaussian(), r.nextGaussian(), r.nextGaussian()));
                Extrinsics ext = Extrinsics.fromRotationAndCentre(rot, new Vec3(r.nextGaussian(), r.nextGaussian(), -1));
                ManoParams cam = conversion.toCamera(trial % 2, world, ext);

                double[] worldVerts = forward(layer, m, world)[0];
                double[] camVerts = forward(layer, m, cam)[0];
                double[][] rooted = forward(layer, m, cam.withRootAndTrans(cam.rootPose(), new double[3]));
                Vec3 j0 = Vec3.of(rooted[1], 0);
                Vec3 jReg = root.position(trial % 2, cam.rootPose(), cam.fingerPose(), cam.shape());
                Vec3 offset = rot.times(jReg.minus(j0)).minus(jReg.minus(j0));
                assertThat(offset.norm()).as("the tool's approximation is visible at this tolerance").isGreaterThan(1e-5);
                for (int v = 0; v < 60; v++) {
                    Vec3 expected = ext.toCamera(Vec3.of(worldVerts, 3 * v)).plus(offset);
                    // 1e-7 m: the layer's Rodrigues has smplx's +1e-8 inside the angle norm
                    assertThat(Vec3.of(camVerts, 3 * v).distance(expected)).isLessThan(1e-7);
                }
            }
        }
    }
}
