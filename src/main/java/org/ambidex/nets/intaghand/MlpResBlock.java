package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Linear;
import org.ambidex.nets.TorchModule;

/** {@code MLP_res_block}: {@code x + fc2(relu(fc1(layer_norm(x))))} on {@code (B, N, dim)} (dropout off). */
public final class MlpResBlock extends TorchModule {

    private final LayerNorm layerNorm;
    private final Linear fc1;
    private final Linear fc2;

    public MlpResBlock(int dim, int hidden) {
        layerNorm = child("layer_norm", new LayerNorm(dim));
        fc1 = child("fc1", new Linear(dim, hidden));
        fc2 = child("fc2", new Linear(hidden, dim));
    }

    NDArray apply(ParameterStore store, NDArray x, boolean training) {
        NDArray h = layerNorm.apply(store, x, training);
        h = Activation.relu(fc1.forward(store, new NDList(h), training).singletonOrThrow());
        return x.add(fc2.forward(store, new NDList(h), training).singletonOrThrow());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow(), training));
    }
}
