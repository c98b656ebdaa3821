package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Linear;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * EfficientNet-B3 as EfficientNet-PyTorch builds it with {@code from_name('efficientnet-b3')} (width 1.2, depth
 * 1.4, nominal image size 300 for the static "same" padding, batch-norm epsilon 1e-3): stem, 26 MBConv blocks, 1x1
 * head to 1536 channels, and the unused ImageNet classifier {@code _fc} (it is in the state dict). Parameter names
 * are the reference's ({@code _conv_stem.weight}, {@code _blocks.4._se_reduce.bias}, ...).
 *
 * <p>{@link #forward} gives S2HAND's {@code extract_features}: the head activation (B, 1536, H/32, W/32) and the
 * output of block 4 (B, 32, H/4, W/4), the low-level map the texture head reads.
 */
final class EfficientNetB3 extends TorchModule {

    static final float BN_EPS = 1e-3f;
    /** PyTorch momentum of TensorFlow's 0.99. */
    static final float BN_MOMENTUM = 0.01f;
    static final double SE_RATIO = 0.25;
    static final int NOMINAL_SIZE = 300;
    static final int HEAD_CHANNELS = 1536;
    /** The block whose output is the low-level feature map. */
    static final int LOW_LEVEL_BLOCK = 4;
    static final int LOW_LEVEL_CHANNELS = 32;

    private static final double WIDTH = 1.2;
    private static final double DEPTH = 1.4;
    private static final int DIVISOR = 8;

    /**
     * The shape of one block: kernel, stride, expansion ratio, input and output channels.
     */
    record BlockShape(int kernel, int stride, int expandRatio, int in, int out) {
    }

    /** EfficientNet-B0's stages (kernel, repeats, stride, expansion, in, out), scaled by {@link #blocks()}. */
    private static final int[][] STAGES = {
        {3, 1, 1, 1, 32, 16}, {3, 2, 2, 6, 16, 24}, {5, 2, 2, 6, 24, 40}, {3, 3, 2, 6, 40, 80},
        {5, 3, 1, 6, 80, 112}, {5, 4, 2, 6, 112, 192}, {3, 1, 1, 6, 192, 320}};

    private final TfSameConv2d convStem;
    private final BatchNorm2d bn0;
    private final Sequential blocks;
    private final TfSameConv2d convHead;
    private final BatchNorm2d bn1;

    EfficientNetB3() {
        int stem = filters(32);
        convStem = child("_conv_stem", new TfSameConv2d(3, stem, 3, 2, 1, false, NOMINAL_SIZE));
        bn0 = child("_bn0", new BatchNorm2d(stem, BN_EPS, BN_MOMENTUM));
        List<BlockShape> shapes = blocks();
        MBConvBlock[] list = new MBConvBlock[shapes.size()];
        for (int i = 0; i < list.length; i++) {
            list[i] = new MBConvBlock(shapes.get(i), NOMINAL_SIZE);
        }
        blocks = child("_blocks", new Sequential(list));
        int last = shapes.get(shapes.size() - 1).out();
        convHead = child("_conv_head", new TfSameConv2d(last, HEAD_CHANNELS, 1, 1, 1, false, NOMINAL_SIZE));
        bn1 = child("_bn1", new BatchNorm2d(HEAD_CHANNELS, BN_EPS, BN_MOMENTUM));
        child("_fc", new Linear(HEAD_CHANNELS, 1000));
    }

    /** The 26 blocks of B3: channels rounded to multiples of 8 after widening, repeats rounded up after deepening. */
    static List<BlockShape> blocks() {
        List<BlockShape> out = new ArrayList<>();
        for (int[] s : STAGES) {
            int in = filters(s[4]);
            int outChannels = filters(s[5]);
            int repeats = (int) Math.ceil(DEPTH * s[1]);
            out.add(new BlockShape(s[0], s[2], s[3], in, outChannels));
            for (int r = 1; r < repeats; r++) {
                out.add(new BlockShape(s[0], 1, s[3], outChannels, outChannels));
            }
        }
        return out;
    }

    /** EfficientNet's {@code round_filters}: nearest multiple of 8, never more than 10% below the widened count. */
    static int filters(int base) {
        double f = base * WIDTH;
        int rounded = Math.max(DIVISOR, (int) (f + DIVISOR / 2.0) / DIVISOR * DIVISOR);
        if (rounded < 0.9 * f) {
            rounded += DIVISOR;
        }
        return rounded;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        x = Swish.apply(bn0.forward(store, convStem.forward(store, new NDList(x), training, params), training,
            params).singletonOrThrow());
        NDArray low = null;
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).forward(store, new NDList(x), training, params).singletonOrThrow();
            if (i == LOW_LEVEL_BLOCK) {
                low = x;
            }
        }
        x = Swish.apply(bn1.forward(store, convHead.forward(store, new NDList(x), training, params), training,
            params).singletonOrThrow());
        return new NDList(x, low);
    }
}
