package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.TorchModule;

/** {@code torch.nn.LayerNorm(dim, eps)} over the last axis: {@code weight (dim)}, {@code bias (dim)}. */
final class LayerNorm extends TorchModule {

    private final int dim;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    LayerNorm(int dim, float eps) {
        this.dim = dim;
        this.eps = eps;
        this.weight = parameter("weight", Parameter.Type.GAMMA, 1f, true, dim);
        this.bias = parameter("bias", Parameter.Type.BETA, 0f, true, dim);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return new NDList(x.getNDArrayInternal().layerNorm(x, new Shape(dim), w, b, eps).get(0));
    }

    @Override
    public String toString() {
        return "LayerNorm(" + dim + ", eps=" + eps + ")";
    }
}
