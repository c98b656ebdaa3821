package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.ResNet;
import org.ambidex.nets.TorchModule;

/**
 * IntagHand's {@code ResNetSimple} ({@code encoder}): torchvision's ResNet-50 ({@code resnet}, whose unused
 * {@code fc} the checkpoint also holds) and two {@link UpDecoder}s on its last map: {@code hms_decoder} (42 joint
 * heat maps) and {@code dp_decoder} (2 masks + 6 dense-pose channels), 128 channels per level.
 */
public final class Encoder extends TorchModule {

    private final ResNet resnet;
    private final UpDecoder hms;
    private final UpDecoder dp;

    public Encoder(int decoderDim) {
        resnet = child("resnet", new ResNet(50, 64));
        hms = child("hms_decoder", new UpDecoder(resnet.outChannels(), decoderDim, 42));
        dp = child("dp_decoder", new UpDecoder(resnet.outChannels(), decoderDim, 8));
    }

    /** Folds the ResNet's batch norms into its convolutions for inference ({@link ResNet#foldBatchNorms}). */
    void foldBatchNorms(NDManager manager) {
        resnet.foldBatchNorms(manager);
    }

    /**
     * The maps for the mid model: ResNet levels coarsest first ({@code x1 (2048, S/32)}, {@code x2}, {@code x3},
     * {@code x4 (256, S/4)}), then the heat-map decoder's four levels, then the dense-pose decoder's.
     */
    NDList features(ParameterStore store, NDArray image, boolean training) {
        NDList pyramid = resnet.pyramid(store, image, training);
        NDList out = new NDList();
        for (int i = 3; i >= 0; i--) {
            out.add(pyramid.get(i));
        }
        out.addAll(hms.levels(store, pyramid.get(3), training));
        out.addAll(dp.levels(store, pyramid.get(3), training));
        return out;
    }

    /**
     * The auxiliary outputs the training losses use, from {@link #features}: the heat maps {@code (B, 42, 4S, 4S)}
     * ({@code hms_decoder.final_layer}) and the masks and dense pose {@code (B, 2 + 6, 4S, 4S)}
     * ({@code dp_decoder.final_layer}), {@code S} the last ResNet map's size.
     */
    NDList heads(ParameterStore store, NDList features, boolean training) {
        return new NDList(hms.head(store, features.get(7), training), dp.head(store, features.get(11), training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return features(store, inputs.singletonOrThrow(), training);
    }
}
