package org.ambidex.data;

import java.util.Objects;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandParamArrays;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.NdArray;

/**
 * The root joint for {@link ManoCameraConversion} as InterHand2.6M's conversion tool computes it (SEED_SPEC A.8
 * step 2): the hand model posed with the camera-frame root orientation, the finger pose (hand mean added, as
 * the dataset's poses are offsets from it) and the shape, no translation; then the wrist row of the joint
 * regressor applied to the posed mesh (the tool's {@code J_regressor_mano_ih26m} row 20, equal to MANO's
 * {@code J_regressor} row 0).
 *
 * <p>Holds one {@link ArrayHandPoser} per side; close it to free them. Thread-safe.
 */
public final class HandLayerRootJoint implements ManoCameraConversion.RootJoint, AutoCloseable {

    private final ArrayHandPoser[] posers = new ArrayHandPoser[2];
    private final double[][] wristRows = new double[2][];

    /** Posers of the right and left models (either may serve both sides if the dataset has only one). */
    public HandLayerRootJoint(HandModel right, HandModel left) {
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(left, "left");
        HandModel[] models = {right, left};
        for (int h = 0; h < 2; h++) {
            posers[h] = new ArrayHandPoser(models[h]);
            NdArray reg = models[h].jRegressor();
            int v = models[h].vertexCount();
            wristRows[h] = new double[v];
            for (int i = 0; i < v; i++) {
                wristRows[h][i] = reg.getDouble(i);
            }
        }
    }

    @Override
    public Vec3 position(int hand, double[] rootPose, double[] fingerPose, double[] shape) {
        HandParamArrays params = new HandParamArrays(new double[][] {shape}, new double[][] {rootPose},
            new double[][] {fingerPose}, HandPoseKind.AXIS_ANGLE, null, false);
        double[] v = posers[hand].pose(params, FingertipSet.INTERHAND, JointOrder.MANO16).vertices();
        double[] row = wristRows[hand];
        double x = 0;
        double y = 0;
        double z = 0;
        for (int i = 0; i < row.length; i++) {
            double w = row[i];
            if (w != 0) {
                x += w * v[3 * i];
                y += w * v[3 * i + 1];
                z += w * v[3 * i + 2];
            }
        }
        return new Vec3(x, y, z);
    }

    @Override
    public void close() {
        for (ArrayHandPoser poser : posers) {
            poser.close();
        }
    }
}
