package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Functional;
import org.ambidex.nets.Linear;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * One hand's MANO regressor ({@code ManoBranch}): {@code base_layer} = four Linear+ReLU of 512 units, then
 * {@code pose_reg} (48: global and 15 finger axis-angles, radians, relative to the hand mean) and {@code shape_reg.0}
 * (10 betas). Input {@code (B, in)}; output pose {@code (B, 48)} and shape {@code (B, 10)}.
 */
final class ManoBranch extends TorchModule {

    static final int POSE = 48;
    static final int SHAPE = 10;
    private static final int HIDDEN = 512;

    private final Sequential base;
    private final Linear pose;
    private final Sequential shape;

    ManoBranch(int in) {
        base = child("base_layer", new Sequential(new Linear(in, HIDDEN), Functional.relu(),
            new Linear(HIDDEN, HIDDEN), Functional.relu(), new Linear(HIDDEN, HIDDEN), Functional.relu(),
            new Linear(HIDDEN, HIDDEN), Functional.relu()));
        pose = child("pose_reg", new Linear(HIDDEN, POSE));
        shape = child("shape_reg", new Sequential(new Linear(HIDDEN, SHAPE)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList h = base.forward(store, inputs, training, params);
        return new NDList(pose.forward(store, h, training, params).singletonOrThrow(),
            shape.forward(store, h, training, params).singletonOrThrow());
    }
}
