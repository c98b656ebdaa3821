package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.TorchModule;

/**
 * EfficientNet's mobile inverted bottleneck ({@code MBConvBlock}): 1x1 expansion (absent when the ratio is 1),
 * depthwise convolution, squeeze-and-excitation, 1x1 projection, and the identity shortcut when the stride is 1
 * and the channel counts agree. Swish after expansion and depthwise convolution; drop-connect is a training-time
 * regulariser and is left out. NCHW in and out.
 */
final class MBConvBlock extends TorchModule {

    private final TfSameConv2d expandConv;
    private final BatchNorm2d bn0;
    private final TfSameConv2d depthwiseConv;
    private final BatchNorm2d bn1;
    private final TfSameConv2d seReduce;
    private final TfSameConv2d seExpand;
    private final TfSameConv2d projectConv;
    private final BatchNorm2d bn2;
    private final boolean shortcut;

    /** One block of the given shape; {@code nominalSize} fixes the "same" padding (EfficientNet-B3: 300). */
    MBConvBlock(EfficientNetB3.BlockShape shape, int nominalSize) {
        int in = shape.in();
        int expanded = in * shape.expandRatio();
        float eps = EfficientNetB3.BN_EPS;
        float momentum = EfficientNetB3.BN_MOMENTUM;
        if (shape.expandRatio() != 1) {
            expandConv = child("_expand_conv", new TfSameConv2d(in, expanded, 1, 1, 1, false, nominalSize));
            bn0 = child("_bn0", new BatchNorm2d(expanded, eps, momentum));
        } else {
            expandConv = null;
            bn0 = null;
        }
        depthwiseConv = child("_depthwise_conv",
            new TfSameConv2d(expanded, expanded, shape.kernel(), shape.stride(), expanded, false, nominalSize));
        bn1 = child("_bn1", new BatchNorm2d(expanded, eps, momentum));
        int squeezed = Math.max(1, (int) (in * EfficientNetB3.SE_RATIO));
        seReduce = child("_se_reduce", new TfSameConv2d(expanded, squeezed, 1, 1, 1, true, nominalSize));
        seExpand = child("_se_expand", new TfSameConv2d(squeezed, expanded, 1, 1, 1, true, nominalSize));
        projectConv = child("_project_conv", new TfSameConv2d(expanded, shape.out(), 1, 1, 1, false, nominalSize));
        bn2 = child("_bn2", new BatchNorm2d(shape.out(), eps, momentum));
        shortcut = shape.stride() == 1 && shape.in() == shape.out();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray x = input;
        if (expandConv != null) {
            x = Swish.apply(run(bn0, run(expandConv, x, store, training, params), store, training, params));
        }
        x = Swish.apply(run(bn1, run(depthwiseConv, x, store, training, params), store, training, params));
        NDArray squeezed = SpatialMean.of(x, true);
        squeezed = run(seExpand, Swish.apply(run(seReduce, squeezed, store, training, params)), store, training,
            params);
        x = Activation.sigmoid(squeezed).mul(x);
        x = run(bn2, run(projectConv, x, store, training, params), store, training, params);
        return new NDList(shortcut ? x.add(input) : x);
    }

    private static NDArray run(TorchModule m, NDArray x, ParameterStore store, boolean training,
                               PairList<String, Object> params) {
        return m.forward(store, new NDList(x), training, params).singletonOrThrow();
    }
}
