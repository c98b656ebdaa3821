package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.TorchModule;

/** {@code nn.LayerNorm(dim, eps)} over the last axis: {@code weight (dim)} (scale), {@code bias (dim)}. */
public final class LayerNorm extends TorchModule {

    /** IntagHand's epsilon everywhere. */
    public static final float EPS = 1e-6f;

    private final int dim;
    private final Parameter weight;
    private final Parameter bias;

    public LayerNorm(int dim) {
        this.dim = dim;
        this.weight = parameter("weight", Parameter.Type.GAMMA, 1f, true, dim);
        this.bias = parameter("bias", Parameter.Type.BETA, 0f, true, dim);
    }

    /** The normalised {@code x} ({@code (..., dim)}). */
    public NDArray apply(ParameterStore store, NDArray x, boolean training) {
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return x.getNDArrayInternal().layerNorm(x, new Shape(dim), w, b, EPS).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public String toString() {
        return "LayerNorm(" + dim + ")";
    }
}
