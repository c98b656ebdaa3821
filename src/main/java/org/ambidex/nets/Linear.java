package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.Linear}: {@code y = x W^T + b}, {@code weight (out, in)}, optional {@code bias (out)}; input
 * {@code (..., in)}.
 */
public final class Linear extends TorchModule {

    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /** {@code nn.Linear(in, out, bias=bias)}; without a bias the layer has only {@code weight}. */
    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = parameter("weight", Parameter.Type.WEIGHT, 0f, true, outFeatures, inFeatures);
        this.bias = bias ? parameter("bias", Parameter.Type.BIAS, 0f, true, outFeatures) : null;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        if (bias == null) {
            return new NDList(x.matMul(w.transpose()));
        }
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return x.getNDArrayInternal().linear(x, w, b);
    }

    @Override
    public String toString() {
        return "Linear(" + inFeatures + ", " + outFeatures + ")";
    }
}
