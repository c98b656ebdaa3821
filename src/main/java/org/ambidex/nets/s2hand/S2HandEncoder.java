package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.TorchModule;

/**
 * S2HAND's {@code Encoder}: EfficientNet-B3 (child {@code encoder}) whose 1536-channel head map is averaged over
 * its 7 x 7 cells ({@code AvgPool2d(7)} on a 224-pixel input). Output: features (B, 1536) and the low-level map
 * (B, 32, 56, 56).
 */
final class S2HandEncoder extends TorchModule {

    private final EfficientNetB3 encoder;

    S2HandEncoder() {
        encoder = child("encoder", new EfficientNetB3());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList out = encoder.forward(store, inputs, training, params);
        NDArray head = out.get(0);
        long side = head.getShape().get(2);
        if (side != S2HandNet.HEAD_CELLS || head.getShape().get(3) != S2HandNet.HEAD_CELLS) {
            throw new IllegalArgumentException("S2HAND's encoder pools a 7 x 7 map (a 224-pixel input), got "
                + head.getShape());
        }
        return new NDList(SpatialMean.of(head, false), out.get(1));
    }
}
