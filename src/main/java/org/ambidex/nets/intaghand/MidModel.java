package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.Functional;
import org.ambidex.nets.Intermediates;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * IntagHand's {@code resnet_mid} ({@code mid_model}): the global feature (mean of the last ResNet map, 2048) and,
 * per level {@code i}, a 1x1 convolution (no bias, ReLU, then batch norm) of the two decoders' maps (and for
 * {@code i > 0} the ResNet map of that size) to {@code out} channels. The graph decoder reads levels 0-2 (8, 16,
 * 32 px for a 256 px image); level 3 exists in the checkpoint but feeds nothing, so it is not computed.
 */
public final class MidModel extends TorchModule {

    private static final int[] IMAGE_DIMS = {2048, 1024, 512, 256};

    private final Conv2d[] convs = new Conv2d[4];
    private final BatchNorm2d[] norms = new BatchNorm2d[4];

    public MidModel(int decoderDim, int out) {
        TorchModule[] list = new TorchModule[4];
        for (int i = 0; i < 4; i++) {
            int in = 2 * decoderDim + (i > 0 ? IMAGE_DIMS[i] : 0);
            convs[i] = new Conv2d(in, out, 1, 1, 0, false);
            norms[i] = new BatchNorm2d(out);
            list[i] = new Sequential(convs[i], Functional.relu(), norms[i]);
        }
        child("convs", new Sequential(list));
    }

    /**
     * @param features {@link Encoder#features}' twelve maps
     * @return the global feature {@code (B, 2048)}, then the maps of levels 0-2 {@code (B, out, 8 2^i, 8 2^i)}
     */
    NDList apply(ParameterStore store, NDList features, boolean training) {
        NDArray last = features.get(0);
        NDList out = new NDList(last.reshape(last.getShape().get(0), last.getShape().get(1), -1).mean(new int[] {2}));
        for (int i = 0; i < 3; i++) {
            int level = i;
            out.add(Intermediates.step(training, features, () -> {
                NDArray x = features.get(4 + level).concat(features.get(8 + level), 1);
                if (level > 0) {
                    x = x.concat(features.get(level), 1);
                }
                x = Activation.relu(convs[level].forward(store, new NDList(x), training).singletonOrThrow());
                return norms[level].forward(store, new NDList(x), training);
            }).singletonOrThrow());
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return apply(store, inputs, training);
    }
}
