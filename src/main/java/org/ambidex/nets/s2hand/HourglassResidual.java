package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.TorchModule;

/**
 * The hourglass network's pre-activation bottleneck ({@code Residual} of S2HAND's {@code utils/net_hg.py}):
 * batch norm, ReLU, 1 x 1 convolution to half the output channels, batch norm, ReLU, 3 x 3, batch norm, ReLU,
 * 1 x 1 to the output channels, plus the input, or its 1 x 1 projection ({@code conv4}, on the raw input) when the
 * channel counts differ. Input (B, in, H, W), output (B, out, H, W).
 */
final class HourglassResidual extends TorchModule {

    private final BatchNorm2d bn;
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Conv2d conv3;
    private final Conv2d conv4;

    HourglassResidual(int in, int out) {
        int mid = out / 2;
        bn = child("bn", new BatchNorm2d(in));
        conv1 = child("conv1", new Conv2d(in, mid, 1, 1, 0, true));
        bn1 = child("bn1", new BatchNorm2d(mid));
        conv2 = child("conv2", new Conv2d(mid, mid, 3, 1, 1, true));
        bn2 = child("bn2", new BatchNorm2d(mid));
        conv3 = child("conv3", new Conv2d(mid, out, 1, 1, 0, true));
        conv4 = in == out ? null : child("conv4", new Conv2d(in, out, 1, 1, 0, true));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = Activation.relu(run(bn, store, x, training, params));
        y = Activation.relu(run(bn1, store, run(conv1, store, y, training, params), training, params));
        y = Activation.relu(run(bn2, store, run(conv2, store, y, training, params), training, params));
        y = run(conv3, store, y, training, params);
        NDArray residual = conv4 == null ? x : run(conv4, store, x, training, params);
        return new NDList(y.add(residual));
    }

    static NDArray run(Block block, ParameterStore store, NDArray x, boolean training,
                       PairList<String, Object> params) {
        return block.forward(store, new NDList(x), training, params).singletonOrThrow();
    }
}
