package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.TorchModule;

/**
 * S2HAND's trainable modules under the names its checkpoints use for them: {@code encoder} (EfficientNet-B3),
 * {@code decoder} (the MANO regressors), {@code texture_light_from_low} (the texture and lighting head) and
 * {@code rgb2hm} (the 2-D heat-map branch, {@link S2HandHeatmapNet}), so {@code encoder.encoder._conv_stem.weight}
 * is the checkpoint's {@code ['encoder']['encoder._conv_stem.weight']}.
 *
 * <p>Input: RGB (B, 3, 224, 224) in [0, 1], not normalised. Output of the forward (the 3-D branch), in order: PCA
 * coefficients (B, 30), betas (B, 10), translation (B, 3), rotation (B, 3), scale (B, 1), face colours
 * (B, 1538, 3), lights (B, 11). The heat-map branch runs apart ({@link #heatMaps}): the 3-D output does not use it.
 */
public final class S2HandNet extends TorchModule {

    /** Input side, pixels. */
    public static final int INPUT_SIZE = 224;
    /** Side of the encoder's last map for that input. */
    static final int HEAD_CELLS = 7;
    /** Faces the texture head colours: MANO's 1538 (the mesh a rendering of its colours needs). */
    public static final int TEXTURE_FACES = TextureLightHead.FACES;
    /** The checkpoint keys of the four modules, in the order of this module's children. */
    public static final String ENCODER = "encoder";
    public static final String DECODER = "decoder";
    public static final String TEXTURE = "texture_light_from_low";
    public static final String HEATMAP = "rgb2hm";

    private final S2HandEncoder encoder;
    private final HandDecoder decoder;
    private final TextureLightHead texture;
    private final S2HandHeatmapNet heatmap;

    public S2HandNet() {
        encoder = child(ENCODER, new S2HandEncoder());
        decoder = child(DECODER, new HandDecoder(EfficientNetB3.HEAD_CHANNELS));
        texture = child(TEXTURE, new TextureLightHead());
        heatmap = child(HEATMAP, new S2HandHeatmapNet());
    }

    /**
     * The heat-map branch on {@code images} (B, 3, 224, 224) in [0, 1]: per stage the heat maps (B, 21, 64, 64),
     * then per stage the integral joints (B, 21, 2), crop pixels ({@link S2HandHeatmapNet}).
     */
    public NDList heatMaps(ParameterStore store, NDArray images, boolean training) {
        return heatmap.forward(store, new NDList(images), training, null);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList features = encoder.forward(store, inputs, training, params);
        NDList hand = decoder.forward(store, new NDList(features.get(0)), training, params);
        NDArray low = features.get(1);
        NDList textureLight = texture.forward(store, new NDList(low), training, params);
        NDList out = new NDList(hand);
        out.addAll(textureLight);
        return out;
    }
}
