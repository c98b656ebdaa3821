package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.TorchModule;
import org.ambidex.tensor.Scalars;

/**
 * S2HAND's 2-D branch ({@code RGB2HM}, the checkpoint's {@code rgb2hm}; child {@code net_hm}, {@link HourglassNet}):
 * the 224-pixel crop is zero-padded on the right and bottom to 256 x 256, shifted to [-0.5, 0.5] (so the padding is
 * -0.5), and the stacked hourglass gives 21 heat maps per stage; each stage's maps give joints by
 * {@link IntegralJoints} over the padded image, whose pixels are the crop's.
 *
 * <p>Input: RGB (B, 3, 224, 224) in [0, 1]. Output, in order: the heat maps of each stage (B, 21, 64, 64), then the
 * joints of each stage (B, 21, 2), crop pixels, OpenPose/FreiHAND order.
 */
public final class S2HandHeatmapNet extends TorchModule {

    /** The hourglass's input side, pixels. */
    public static final int PADDED_SIZE = 256;
    /** Stages, each with its heat maps. */
    public static final int STAGES = HourglassNet.STAGES;
    /** Heat maps per stage (joints). */
    public static final int JOINTS = HourglassNet.JOINTS;
    /** Side of a heat map. */
    public static final int MAP_SIZE = PADDED_SIZE / 4;

    private final HourglassNet net;

    S2HandHeatmapNet() {
        net = child("net_hm", new HourglassNet());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        if (s.get(2) != S2HandNet.INPUT_SIZE || s.get(3) != S2HandNet.INPUT_SIZE) {
            throw new IllegalArgumentException("S2HAND's heat-map branch pads a 224 x 224 crop to 256, got " + s);
        }
        long b = s.get(0);
        int pad = PADDED_SIZE - S2HandNet.INPUT_SIZE;
        NDArray right = x.getManager().zeros(new Shape(b, 3, S2HandNet.INPUT_SIZE, pad), x.getDataType());
        NDArray below = x.getManager().zeros(new Shape(b, 3, pad, PADDED_SIZE), x.getDataType());
        NDArray padded = x.concat(right, 3).concat(below, 2);
        NDArray shifted = padded.sub(Scalars.of(padded, 0.5f));
        NDList maps = net.forward(store, new NDList(shifted), training, params);
        NDList out = new NDList(maps);
        for (NDArray map : maps) {
            out.add(IntegralJoints.of(map, PADDED_SIZE));
        }
        return out;
    }
}
