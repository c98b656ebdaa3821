package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
    private final List<Block> residualBlocks = new ArrayList<>();
    private final FoldedBatchNorm stem;

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
        Conv2d conv1 = child("conv1", new Conv2d(3, base, 7, 2, 3, false));
        BatchNorm2d bn1 = child("bn1", new BatchNorm2d(base));
        stages.add(conv1);
        stages.add(bn1);
        stem = new FoldedBatchNorm(conv1, bn1);
        int inplanes = base;
        for (int s = 0; s < 4; s++) {
            int planes = base << s;
            int stride = s == 0 ? 1 : 2;
            TorchModule[] layer = new TorchModule[blocks[s]];
            for (int i = 0; i < blocks[s]; i++) {
                int st = i == 0 ? stride : 1;
                boolean down = i == 0 && (stride != 1 || inplanes != planes * expansion);
                Block block = bottleneck ? new Bottleneck(inplanes, planes, st, down) : new BasicBlock(inplanes, planes, st,
                    down);
                layer[i] = (TorchModule) block;
                residualBlocks.add(block);
                inplanes = planes * expansion;
            }
            stages.add(child("layer" + (s + 1), new Sequential(layer)));
        }
        this.outChannels = inplanes;
    }

    /**
     * From now until the next forward pass in training mode, runs every convolution and the batch norm after it as
     * one convolution ({@link FoldedBatchNorm}), with tensors made on {@code manager} from the current weights; call
     * it again after changing the weights without training (loading others).
     */
    public void foldBatchNorms(NDManager manager) {
        stem.fold(manager);
        for (Block block : residualBlocks) {
            block.fold(manager);
        }
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
        if (!training && stem.folded() && PrepackedConvolution.supported() && PrepackedConvolution.onCpu(images)) {
            return prepackedPyramid(images);
        }
        NDArray x = Intermediates.step(training, images, () -> Activation.relu(stem.forward(store, images, training))
            .getNDArrayInternal().maxPool(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false));
        NDList levels = new NDList();
        for (int s = 2; s < stages.size(); s++) {
            NDList in = new NDList(x);
            TorchModule stage = stages.get(s);
            x = Intermediates.step(training, in, () -> stage.forward(store, in, training, null)).singletonOrThrow();
            levels.add(x);
        }
        return levels;
    }

    /**
     * The folded network for prediction in channels-last memory with every convolution prepacked: oneDNN then
     * neither reorders weights nor activations (ResNet-50's convolutions at batch 1 and one thread measured 10 to
     * 30 % faster so than libtorch's plain ones on row-major maps). The levels are handed on in row-major memory.
     */
    private NDList prepackedPyramid(NDArray images) {
        NDArray x = Intermediates.step(false, images, () -> Activation.relu(stem.forwardPrepacked(
            PrepackedConvolution.channelsLast(images))).getNDArrayInternal().maxPool(new Shape(3, 3), new Shape(2, 2),
            new Shape(1, 1), false));
        NDList levels = new NDList();
        for (int s = 2; s < stages.size(); s++) {
            Sequential layer = (Sequential) stages.get(s);
            NDArray in = x;
            x = Intermediates.step(false, in, () -> {
                NDArray y = in;
                for (int b = 0; b < layer.size(); b++) {
                    NDArray blockInput = y;
                    Block block = (Block) layer.get(b);
                    y = Intermediates.step(false, blockInput, () -> block.predictPrepacked(blockInput));
                }
                return y;
            });
            levels.add(PrepackedConvolution.rowMajor(x));
        }
        return levels;
    }

    private static Sequential downsample(int in, int out, int stride) {
        return new Sequential(new Conv2d(in, out, 1, stride, 0, false), new BatchNorm2d(out));
    }

    /** A residual block whose convolution-norm pairs can be folded. */
    private interface Block {
        void fold(NDManager manager);

        /** The folded block on {@code x} in channels-last memory, every convolution prepacked; the result so too. */
        NDArray predictPrepacked(NDArray x);
    }

    private static FoldedBatchNorm shortcut(Sequential downsample) {
        return downsample == null ? null
            : new FoldedBatchNorm((Conv2d) downsample.get(0), (BatchNorm2d) downsample.get(1));
    }

    /** torchvision's {@code BasicBlock}: two 3x3 convolutions. */
    static final class BasicBlock extends TorchModule implements Block {
        private final FoldedBatchNorm first;
        private final FoldedBatchNorm second;
        private final FoldedBatchNorm down;

        BasicBlock(int inplanes, int planes, int stride, boolean down) {
            Conv2d conv1 = child("conv1", new Conv2d(inplanes, planes, 3, stride, 1, false));
            BatchNorm2d bn1 = child("bn1", new BatchNorm2d(planes));
            Conv2d conv2 = child("conv2", new Conv2d(planes, planes, 3, 1, 1, false));
            BatchNorm2d bn2 = child("bn2", new BatchNorm2d(planes));
            first = new FoldedBatchNorm(conv1, bn1);
            second = new FoldedBatchNorm(conv2, bn2);
            this.down = shortcut(down ? child("downsample", downsample(inplanes, planes, stride)) : null);
        }

        @Override
        public void fold(NDManager manager) {
            first.fold(manager);
            second.fold(manager);
            if (down != null) {
                down.fold(manager);
            }
        }

        @Override
        public NDArray predictPrepacked(NDArray x) {
            NDArray out = second.forwardPrepacked(Activation.relu(first.forwardPrepacked(x)));
            NDArray identity = down == null ? x : down.forwardPrepacked(x);
            return Activation.relu(out.add(identity));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            return Intermediates.step(training, inputs, () -> {
                NDArray out = Activation.relu(first.forward(store, x, training));
                out = second.forward(store, out, training);
                NDArray identity = down == null ? x : down.forward(store, x, training);
                return new NDList(Activation.relu(out.add(identity)));
            });
        }
    }

    /** torchvision's {@code Bottleneck} (expansion 4, stride on the 3x3 convolution). */
    static final class Bottleneck extends TorchModule implements Block {
        private final FoldedBatchNorm first;
        private final FoldedBatchNorm second;
        private final FoldedBatchNorm third;
        private final FoldedBatchNorm down;

        Bottleneck(int inplanes, int planes, int stride, boolean down) {
            Conv2d conv1 = child("conv1", new Conv2d(inplanes, planes, 1, 1, 0, false));
            BatchNorm2d bn1 = child("bn1", new BatchNorm2d(planes));
            Conv2d conv2 = child("conv2", new Conv2d(planes, planes, 3, stride, 1, false));
            BatchNorm2d bn2 = child("bn2", new BatchNorm2d(planes));
            Conv2d conv3 = child("conv3", new Conv2d(planes, planes * 4, 1, 1, 0, false));
            BatchNorm2d bn3 = child("bn3", new BatchNorm2d(planes * 4));
            first = new FoldedBatchNorm(conv1, bn1);
            second = new FoldedBatchNorm(conv2, bn2);
            third = new FoldedBatchNorm(conv3, bn3);
            this.down = shortcut(down ? child("downsample", downsample(inplanes, planes * 4, stride)) : null);
        }

        @Override
        public void fold(NDManager manager) {
            first.fold(manager);
            second.fold(manager);
            third.fold(manager);
            if (down != null) {
                down.fold(manager);
            }
        }

        @Override
        public NDArray predictPrepacked(NDArray x) {
            NDArray out = Activation.relu(first.forwardPrepacked(x));
            out = third.forwardPrepacked(Activation.relu(second.forwardPrepacked(out)));
            NDArray identity = down == null ? x : down.forwardPrepacked(x);
            return Activation.relu(out.add(identity));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            return Intermediates.step(training, inputs, () -> {
                NDArray out = Activation.relu(first.forward(store, x, training));
                out = Activation.relu(second.forward(store, out, training));
                out = third.forward(store, out, training);
                NDArray identity = down == null ? x : down.forward(store, x, training);
                return new NDList(Activation.relu(out.add(identity)));
            });
        }
    }
}
