package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.TorchModule;

/**
 * The reference's bottleneck without normalisation: {@code conv1} 1x1, ReLU, {@code conv2} 3x3 (carrying the
 * stride, padding 1), ReLU, {@code conv3} 1x1, plus the shortcut ({@code downsample}, or the input itself), then ReLU.
 * Input {@code (B, in, H, W)}, output {@code (B, out, H/stride, W/stride)}.
 */
final class PlainBottleneck extends TorchModule {

    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Conv2d conv3;
    private final TorchModule downsample;

    /**
     * @param downsample the shortcut's projection (a {@code Sequential} of convolution and BatchNorm in the mesh
     *     ResNet, a bare convolution in the cascade), or {@code null} for the identity
     */
    PlainBottleneck(int in, int mid, int out, int stride, TorchModule downsample) {
        conv1 = child("conv1", new Conv2d(in, mid, 1, 1, 0, false));
        conv2 = child("conv2", new Conv2d(mid, mid, 3, stride, 1, false));
        conv3 = child("conv3", new Conv2d(mid, out, 1, 1, 0, false));
        this.downsample = downsample == null ? null : child("downsample", downsample);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList y = new NDList(Activation.relu(conv1.forward(store, inputs, training, params).singletonOrThrow()));
        y = new NDList(Activation.relu(conv2.forward(store, y, training, params).singletonOrThrow()));
        NDArray main = conv3.forward(store, y, training, params).singletonOrThrow();
        NDArray shortcut = downsample == null ? inputs.singletonOrThrow()
            : downsample.forward(store, inputs, training, params).singletonOrThrow();
        return new NDList(Activation.relu(main.add(shortcut)));
    }
}
