package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's ResNet without {@code avgpool} and {@code fc} (as InterNet's backbone uses it), with torchvision's
 * module names ({@code conv1, bn1, layer1.0.conv1, layer1.0.downsample.0, ...}) and layouts: 18 and 34 built from
 * BasicBlocks, 50, 101 and 152 from Bottlenecks with the stride on the 3x3 convolution ("v1.5").
 *
 * <p>Input {@code (B, 3, H, W)}; output {@code (B, C, H/32, W/32)} with {@code C = 8 * base} for 18/34 and
 * {@code 32 * base} for the deeper ones (2048 with torchvision's {@code base = 64}). A smaller {@code base} gives a
 * narrow network of the same structure (used by tests).
 */
public final class ResNet extends TorchModule {

    private final int depth;
    private final int outChannels;
    private final List<TorchModule> stages = new ArrayList<>();

    /**
     * @param depth 18, 34, 50, 101 or 152
     * @param base channels of the stem and of layer1's blocks (64 in torchvision)
     */
    public ResNet(int depth, int base) {
        this.depth = depth;
        int[] blocks = switch (depth) {
            case 18 -> new int[] {2, 2, 2, 2};
            case 34, 50 -> new int[] {3, 4, 6, 3};
            case 101 -> new int[] {3, 4, 23, 3};
            case 152 -> new int[] {3, 8, 36, 3};
            default -> throw new IllegalArgumentException("ResNet depth must be 18, 34, 50, 101 or 152, not " + depth);
        };
        boolean bottleneck = depth >= 50;
        int expansion = bottleneck ? 4 : 1;
        stages.add(child("conv1", new Conv2d(3, base, 7, 2, 3, false)));
        stages.add(child("bn1", new BatchNorm2d(base)));
        int inplanes = base;
        for (int s = 0; s < 4; s++) {
            int planes = base << s;
            int stride = s == 0 ? 1 : 2;
            TorchModule[] layer = new TorchModule[blocks[s]];
            for (int i = 0; i < blocks[s]; i++) {
                int st = i == 0 ? stride : 1;
                boolean down = i == 0 && (stride != 1 || inplanes != planes * expansion);
                layer[i] = bottleneck ? new Bottleneck(inplanes, planes, st, down) : new BasicBlock(inplanes, planes, st,
                    down);
                inplanes = planes * expansion;
            }
            stages.add(child("layer" + (s + 1), new Sequential(layer)));
        }
        this.outChannels = inplanes;
    }

    public int depth() {
        return depth;
    }

    /** Channels of the output feature map (2048 for ResNet-50). */
    public int outChannels() {
        return outChannels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList levels = pyramid(store, inputs.singletonOrThrow(), training);
        return new NDList(levels.get(levels.size() - 1));
    }

    /**
     * The outputs of layer1 to layer4 for {@code images} (B,3,H,W): strides 4, 8, 16 and 32, channels
     * {@code base}, 2, 4 and 8 times {@code base} (times 4 for bottleneck networks).
     */
    public NDList pyramid(ParameterStore store, NDArray images, boolean training) {
        NDList x = stages.get(0).forward(store, new NDList(images), training, null);
        x = stages.get(1).forward(store, x, training, null);
        NDArray y = Activation.relu(x.singletonOrThrow());
        x = new NDList(y.getNDArrayInternal().maxPool(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false));
        NDList levels = new NDList();
        for (int s = 2; s < stages.size(); s++) {
            x = stages.get(s).forward(store, x, training, null);
            levels.add(x.singletonOrThrow());
        }
        return levels;
    }

    private static Sequential downsample(int in, int out, int stride) {
        return new Sequential(new Conv2d(in, out, 1, stride, 0, false), new BatchNorm2d(out));
    }

    /** torchvision's {@code BasicBlock}: two 3x3 convolutions. */
    static final class BasicBlock extends TorchModule {
        private final Conv2d conv1;
        private final BatchNorm2d bn1;
        private final Conv2d conv2;
        private final BatchNorm2d bn2;
        private final Sequential downsample;

        BasicBlock(int inplanes, int planes, int stride, boolean down) {
            conv1 = child("conv1", new Conv2d(inplanes, planes, 3, stride, 1, false));
            bn1 = child("bn1", new BatchNorm2d(planes));
            conv2 = child("conv2", new Conv2d(planes, planes, 3, 1, 1, false));
            bn2 = child("bn2", new BatchNorm2d(planes));
            downsample = down ? child("downsample", downsample(inplanes, planes, stride)) : null;
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDList out = conv1.forward(store, inputs, training, params);
            out = new NDList(Activation.relu(bn1.forward(store, out, training, params).singletonOrThrow()));
            out = bn2.forward(store, conv2.forward(store, out, training, params), training, params);
            NDArray identity = downsample == null ? inputs.singletonOrThrow()
                : downsample.forward(store, inputs, training, params).singletonOrThrow();
            return new NDList(Activation.relu(out.singletonOrThrow().add(identity)));
        }
    }

    /** torchvision's {@code Bottleneck} (expansion 4, stride on the 3x3 convolution). */
    static final class Bottleneck extends TorchModule {
        private final Conv2d conv1;
        private final BatchNorm2d bn1;
        private final Conv2d conv2;
        private final BatchNorm2d bn2;
        private final Conv2d conv3;
        private final BatchNorm2d bn3;
        private final Sequential downsample;

        Bottleneck(int inplanes, int planes, int stride, boolean down) {
            conv1 = child("conv1", new Conv2d(inplanes, planes, 1, 1, 0, false));
            bn1 = child("bn1", new BatchNorm2d(planes));
            conv2 = child("conv2", new Conv2d(planes, planes, 3, stride, 1, false));
            bn2 = child("bn2", new BatchNorm2d(planes));
            conv3 = child("conv3", new Conv2d(planes, planes * 4, 1, 1, 0, false));
            bn3 = child("bn3", new BatchNorm2d(planes * 4));
            downsample = down ? child("downsample", downsample(inplanes, planes * 4, stride)) : null;
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDList out = conv1.forward(store, inputs, training, params);
            out = new NDList(Activation.relu(bn1.forward(store, out, training, params).singletonOrThrow()));
            out = conv2.forward(store, out, training, params);
            out = new NDList(Activation.relu(bn2.forward(store, out, training, params).singletonOrThrow()));
            out = bn3.forward(store, conv3.forward(store, out, training, params), training, params);
            NDArray identity = downsample == null ? inputs.singletonOrThrow()
                : downsample.forward(store, inputs, training, params).singletonOrThrow();
            return new NDList(Activation.relu(out.singletonOrThrow().add(identity)));
        }
    }
}
