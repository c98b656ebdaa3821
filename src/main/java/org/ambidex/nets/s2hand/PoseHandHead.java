package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Functional;
import org.ambidex.nets.Linear;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * S2HAND's {@code MyPoseHand} regressors: a shared MLP 1536-1024-512 (batch norm, ReLU) and five heads, {@code
 * pose_reg} (30 PCA coefficients), {@code shape_reg} (10 betas), {@code trans_reg} (3, metres), {@code rot_reg}
 * (axis-angle 3) and {@code scale_reg} (1). Input features (B, 1536); output in that order.
 */
final class PoseHandHead extends TorchModule {

    static final int PCA_COMPONENTS = 30;
    static final int BETAS = 10;

    private final Sequential baseLayers;
    private final Sequential poseReg;
    private final Sequential shapeReg;
    private final Sequential transReg;
    private final Sequential rotReg;
    private final Sequential scaleReg;

    PoseHandHead(int features) {
        baseLayers = child("base_layers", new Sequential(new Linear(features, 1024), new BatchNorm2d(1024),
            Functional.relu(), new Linear(1024, 512), new BatchNorm2d(512), Functional.relu()));
        poseReg = child("pose_reg", twoLayer(PCA_COMPONENTS));
        shapeReg = child("shape_reg", twoLayer(BETAS));
        transReg = child("trans_reg", threeLayer(3));
        rotReg = child("rot_reg", threeLayer(3));
        scaleReg = child("scale_reg", threeLayer(1));
    }

    private static Sequential twoLayer(int out) {
        return new Sequential(new Linear(512, 128), Functional.relu(), new Linear(128, out));
    }

    /** 512-128-ReLU-32-out: no activation between the last two layers, as in the reference. */
    private static Sequential threeLayer(int out) {
        return new Sequential(new Linear(512, 128), Functional.relu(), new Linear(128, 32), new Linear(32, out));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList base = baseLayers.forward(store, inputs, training, params);
        NDArray pose = poseReg.forward(store, base, training, params).singletonOrThrow();
        NDArray shape = shapeReg.forward(store, base, training, params).singletonOrThrow();
        NDArray trans = transReg.forward(store, base, training, params).singletonOrThrow();
        NDArray rot = rotReg.forward(store, base, training, params).singletonOrThrow();
        NDArray scale = scaleReg.forward(store, base, training, params).singletonOrThrow();
        return new NDList(pose, shape, trans, rot, scale);
    }
}
