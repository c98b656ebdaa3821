package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.TorchModule;

/**
 * IntagHand's {@code HandNET_GCN} (Li et al., CVPR 2022) with the published configuration (ResNet-50, decoder maps
 * of 128 channels, mid maps of 256, graph widths 512/256/128 to 256/128/64, order-2 Chebyshev convolutions in four
 * blocks per level, four heads), module names as in the reference: {@code encoder}, {@code mid_model},
 * {@code decoder}. Input {@code (B, 3, 256, 256)}: RGB in [0, 1] normalised with ImageNet's mean and deviation.
 * Output per hand, left first: vertices {@code (B, 778, 3)} (camera axes, hand-centred, the reference's training
 * units) and the orthographic camera {@code (B, 3)}: scale, then translation x, y.
 */
public final class IntagHandNet extends TorchModule {

    /** The input side in pixels. */
    public static final int INPUT_SIZE = 256;

    private final Encoder encoder;
    private final MidModel mid;
    private final GraphDecoder decoder;

    public IntagHandNet(NDManager manager, HandGraphs left, HandGraphs right) {
        encoder = child("encoder", new Encoder(128));
        mid = child("mid_model", new MidModel(128, 256));
        decoder = child("decoder", new GraphDecoder(manager, left, right, 256));
    }

    /**
     * Runs the encoder's ResNet with its batch norms folded into the convolutions until the next forward pass in
     * training mode ({@link org.ambidex.nets.ResNet#foldBatchNorms}).
     */
    public void foldBatchNorms(NDManager manager) {
        encoder.foldBatchNorms(manager);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray image = inputs.singletonOrThrow();
        NDList features = encoder.features(store, image, training);
        return decoder.apply(store, mid.apply(store, features, training), training, false);
    }

    /**
     * The forward pass with what the training losses also need: per hand, left first, vertices, camera and the
     * last graph level's node coordinates {@code (B, 252, 3)}; then the heat maps {@code (B, 42, 64, 64)} and the
     * masks with dense pose {@code (B, 8, 64, 64)}.
     */
    public NDList forwardWithAuxiliary(ParameterStore store, NDArray image, boolean training) {
        NDList features = encoder.features(store, image, training);
        NDList out = decoder.apply(store, mid.apply(store, features, training), training, true);
        out.addAll(encoder.heads(store, features, training));
        return out;
    }
}
