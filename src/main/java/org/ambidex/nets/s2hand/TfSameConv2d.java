package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.TorchModule;

/**
 * EfficientNet-PyTorch's {@code Conv2dStaticSamePadding}: a convolution (square kernel, optional groups and bias)
 * after TensorFlow's "same" zero padding, computed once for the network's nominal image size and applied to every
 * input whatever its size, as the reference does. The padding is asymmetric (the extra pixel at the bottom and
 * right). Parameters {@code weight (out, in / groups, k, k)} and {@code bias (out)}; input and output NCHW.
 */
final class TfSameConv2d extends TorchModule {

    private final int kernel;
    private final int stride;
    private final int groups;
    private final int padBefore;
    private final int padAfter;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param nominalSize the image size the padding is computed for (EfficientNet-B3: 300)
     */
    TfSameConv2d(int in, int out, int kernel, int stride, int groups, boolean bias, int nominalSize) {
        this.kernel = kernel;
        this.stride = stride;
        this.groups = groups;
        int outSize = (nominalSize + stride - 1) / stride;
        int pad = Math.max((outSize - 1) * stride + kernel - nominalSize, 0);
        this.padBefore = pad / 2;
        this.padAfter = pad - pad / 2;
        this.weight = parameter("weight", Parameter.Type.WEIGHT, 0f, true, out, in / groups, kernel, kernel);
        this.bias = bias ? parameter("bias", Parameter.Type.BIAS, 0f, true, out) : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int symmetric = 0;
        if (padBefore == padAfter) {
            // Equal zero padding on both sides is the convolution's own: no padded copy of the input.
            symmetric = padBefore;
        } else {
            // torch.nn.functional.pad order: last axis first (left, right, top, bottom).
            x = x.pad(new Shape(padBefore, padAfter, padBefore, padAfter), 0);
        }
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
        return x.getNDArrayInternal().convolution(x, w, b, new Shape(stride, stride), new Shape(symmetric, symmetric),
            new Shape(1, 1), groups);
    }

    @Override
    public String toString() {
        return "TfSameConv2d(k=" + kernel + ", s=" + stride + ", groups=" + groups + ", pad=" + padBefore + "/"
            + padAfter + ")";
    }
}
