package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.TorchModule;

/**
 * {@code torch.nn.Conv1d(in, out, 1)}: a per-position linear map over channels, {@code weight (out, in, 1)},
 * {@code bias (out)}. Input and output (B, C, L).
 */
final class Conv1d extends TorchModule {

    private final int inChannels;
    private final int outChannels;
    private final Parameter weight;
    private final Parameter bias;

    Conv1d(int inChannels, int outChannels) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.weight = parameter("weight", Parameter.Type.WEIGHT, 0f, true, outChannels, inChannels, 1);
        this.bias = parameter("bias", Parameter.Type.BIAS, 0f, true, outChannels);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return x.getNDArrayInternal().convolution(x, w, b, new Shape(1), new Shape(0), new Shape(1), 1);
    }

    @Override
    public String toString() {
        return "Conv1d(" + inChannels + ", " + outChannels + ")";
    }
}
