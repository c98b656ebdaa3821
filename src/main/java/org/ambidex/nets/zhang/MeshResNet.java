package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * The mesh branch's ResNet-50 ({@code mesh_reg.base_net}, the reference's {@code resnet_anydim}): torchvision's
 * layout and names, but (v2) BatchNorm only in the stem ({@code bn1}) and in each layer's first shortcut
 * ({@code downsample.1}), or (v1) no BatchNorm at all; the blocks are {@link PlainBottleneck}s. The down-sampled heat maps are concatenated to
 * layer2's output before layer3, whose first block therefore reads {@code 512 + extra} channels.
 *
 * <p>Input: the ImageNet-normalised image {@code (B, 3, 256, 256)} and the heat maps {@code (B, extra, 32, 32)}.
 * Output: layer2 {@code (B, 512, 32, 32)}, layer3 {@code (B, 1024, 16, 16)}, layer4 {@code (B, 2048, 8, 8)}.
 */
final class MeshResNet extends TorchModule {

    private static final int[] BLOCKS = {3, 4, 6, 3};

    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Sequential[] layers = new Sequential[4];

    /**
     * @param extra channels joined to layer2's output ({@code 42 * 64 / 4 = 672})
     * @param variant v2 (BatchNorm in the stem and shortcuts) or v1 (none; bare convolution shortcuts and an unused
     *     classifier {@code fc})
     */
    MeshResNet(int extra, ZhangVariant variant) {
        boolean norm = variant == ZhangVariant.V2;
        conv1 = child("conv1", new Conv2d(3, 64, 7, 2, 3, false));
        bn1 = norm ? child("bn1", new BatchNorm2d(64)) : null;
        int in = 64;
        for (int s = 0; s < 4; s++) {
            int planes = 64 << s;
            int stride = s == 0 ? 1 : 2;
            int firstIn = in + (s == 2 ? extra : 0);
            PlainBottleneck[] blocks = new PlainBottleneck[BLOCKS[s]];
            Conv2d projection = new Conv2d(firstIn, planes * 4, 1, stride, 0, false);
            blocks[0] = new PlainBottleneck(firstIn, planes, planes * 4, stride,
                norm ? new Sequential(projection, new BatchNorm2d(planes * 4)) : projection);
            for (int i = 1; i < blocks.length; i++) {
                blocks[i] = new PlainBottleneck(planes * 4, planes, planes * 4, 1, null);
            }
            layers[s] = child("layer" + (s + 1), new Sequential(blocks));
            in = planes * 4;
        }
        if (!norm) {
            child("fc", new org.ambidex.nets.Linear(in, 1000)); // in the v1 state dict, never called
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = conv1.forward(store, new NDList(inputs.get(0)), training, params);
        if (bn1 != null) {
            x = bn1.forward(store, x, training, params);
        }
        NDArray y = Activation.relu(x.singletonOrThrow());
        x = new NDList(y.getNDArrayInternal().maxPool(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false));
        NDList l2 = layers[1].forward(store, layers[0].forward(store, x, training, params), training, params);
        NDArray joined = l2.singletonOrThrow().concat(inputs.get(1), 1);
        NDList l3 = layers[2].forward(store, new NDList(joined), training, params);
        NDList l4 = layers[3].forward(store, l3, training, params);
        return new NDList(l2.singletonOrThrow(), l3.singletonOrThrow(), l4.singletonOrThrow());
    }
}
