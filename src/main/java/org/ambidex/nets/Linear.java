package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
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
        Shape shape = x.getShape();
        if (shape.dimension() <= 2) {
            return x.getNDArrayInternal().linear(x, w, b);
        }
        // As torch.nn.functional.linear computes a contiguous input of three or more axes: its rows as one matrix
        // through addmm, the bias inside. libtorch's C++ linear, which DJL calls, would multiply and then add the
        // bias in a second pass over the output (about 20 % of IntagHand's graph decoder at batch 1 went to that path).
        long rows = shape.size() / inFeatures;
        NDArray flat = x.reshape(rows, inFeatures);
        NDArray y = flat.getNDArrayInternal().linear(flat, w, b).singletonOrThrow();
        return new NDList(y.reshape(shape.slice(0, shape.dimension() - 1).add(outFeatures)));
    }

    @Override
    public String toString() {
        return "Linear(" + inFeatures + ", " + outFeatures + ")";
    }
}
