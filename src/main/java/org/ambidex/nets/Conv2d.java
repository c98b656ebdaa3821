package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.Conv2d}: {@code weight (out, in, kH, kW)} and optional {@code bias (out)}, square kernel, equal
 * stride and zero padding on both axes, no dilation or groups. Input and output NCHW.
 */
public final class Conv2d extends TorchModule {

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.weight = parameter("weight", Parameter.Type.WEIGHT, 0f, true, outChannels, inChannels, kernel, kernel);
        this.bias = bias ? parameter("bias", Parameter.Type.BIAS, 0f, true, outChannels) : null;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    /** The stride, the same along both axes. */
    public int stride() {
        return stride;
    }

    /** The zero padding on every side. */
    public int padding() {
        return padding;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or {@code null} when the layer has none. */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
        return x.getNDArrayInternal().convolution(x, w, b, new Shape(stride, stride), new Shape(padding, padding),
            new Shape(1, 1), 1);
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + ", " + outChannels + ", k=" + kernel + ", s=" + stride + ", p=" + padding
            + (bias != null ? ", bias" : "") + ")";
    }
}
