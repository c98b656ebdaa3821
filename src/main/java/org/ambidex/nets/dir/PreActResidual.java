package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.TorchModule;

/**
 * The stacked-hourglass {@code Residual} block DIR's decoder uses: three pre-activated convolutions
 * (BN, ReLU, 1x1 to out/2; BN, ReLU, 3x3; BN, ReLU, 1x1 to out) plus the input, or plus a 1x1 projection of it
 * when the channel counts differ. The projection ({@code skip_layer}) exists in the state dict either way. Every
 * convolution is wrapped in a module with a {@code conv} child ({@code conv1.conv.weight}), as the reference's.
 * Input (B, in, H, W), output (B, out, H, W).
 */
final class PreActResidual extends TorchModule {

    private final BatchNorm2d bn1;
    private final Conv2d conv1;
    private final BatchNorm2d bn2;
    private final Conv2d conv2;
    private final BatchNorm2d bn3;
    private final Conv2d conv3;
    private final Conv2d skip;
    private final boolean needSkip;

    PreActResidual(int in, int out) {
        bn1 = child("bn1", new BatchNorm2d(in));
        conv1 = wrapped("conv1", new Conv2d(in, out / 2, 1, 1, 0, true));
        bn2 = child("bn2", new BatchNorm2d(out / 2));
        conv2 = wrapped("conv2", new Conv2d(out / 2, out / 2, 3, 1, 1, true));
        bn3 = child("bn3", new BatchNorm2d(out / 2));
        conv3 = wrapped("conv3", new Conv2d(out / 2, out, 1, 1, 0, true));
        skip = wrapped("skip_layer", new Conv2d(in, out, 1, 1, 0, true));
        needSkip = in != out;
    }

    private Conv2d wrapped(String name, Conv2d conv) {
        child(name, new Wrapper(conv));
        return conv;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray residual = needSkip ? Forward.of(skip, store, x, training) : x;
        NDArray out = Forward.of(conv1, store, Activation.relu(Forward.of(bn1, store, x, training)), training);
        out = Forward.of(conv2, store, Activation.relu(Forward.of(bn2, store, out, training)), training);
        out = Forward.of(conv3, store, Activation.relu(Forward.of(bn3, store, out, training)), training);
        return new NDList(out.add(residual));
    }

    /** The reference's {@code Conv} wrapper: a convolution held as {@code conv}, no activation. */
    private static final class Wrapper extends TorchModule {
        private final Conv2d conv;

        Wrapper(Conv2d conv) {
            this.conv = child("conv", conv);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            return conv.forward(store, inputs, training, params);
        }
    }
}
