package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.TorchModule;

/**
 * {@code nn.Embedding(count, dim)} as IntagHand uses it: looked up at {@code arange(count)} for every sample, which
 * is the whole table {@code weight (count, dim)}, added to {@code (B, count, dim)} tokens.
 */
public final class PositionTable extends TorchModule {

    private final Parameter weight;

    public PositionTable(int count, int dim) {
        this.weight = parameter("weight", Parameter.Type.WEIGHT, 0f, true, count, dim);
    }

    /** {@code x + weight} for {@code x (B, count, dim)}. */
    public NDArray addTo(ParameterStore store, NDArray x, boolean training) {
        return x.add(store.getValue(weight, x.getDevice(), training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(addTo(store, inputs.singletonOrThrow(), training));
    }
}
