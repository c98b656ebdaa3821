package org.ambidex.data;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.ambidex.hand.JointOrder;
import org.ambidex.hand.SyntheticHandModels;
import org.junit.jupiter.api.Test;

class HandLayerRootJointTest {

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
        HandModel model = SyntheticHandModels.random(5, 60, 10);
        Random r = new Random(9);
        try (NDManager m = NDManager.newBaseManager();
             HandLayer layer = new HandLayer(model, m, DataType.FLOAT64);
             HandLayerRootJoint root = new HandLayerRootJoint(model, model)) {
            ManoCameraConversion conversion = new ManoCameraConversion(root);
            for (int trial = 0; trial < 5; trial++) {
                ManoParams world = new ManoParams(SyntheticHandModels.gaussian(r, 48, 0.4), SyntheticHandModels.gaussian(r, 10, 1),
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
