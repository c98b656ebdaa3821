package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A convolution followed by a batch norm, run in evaluation mode as one convolution whose weight and bias absorb
 * the norm's running statistics and affine parameters: {@code W' = W * g / sqrt(v + eps)} per output channel,
 * {@code b' = beta + (b - m) * g / sqrt(v + eps)} ({@code b} the convolution's bias, 0 without one). It saves the
 * batch norm's pass over the activation (IntagHand's ResNet-50 at batch 1: 64 norms, 15 of its 182 ms at one
 * thread). Where oneDNN's reordering of the weight would dominate the call, the folded convolution runs prepacked
 * ({@link PrepackedConvolution}), decided per input size when the first input of that size comes.
 *
 * <p>The folded tensors are made by {@link #fold} from the current weights and are used only while nothing trains:
 * a forward pass in training mode drops them (the weights are about to change) and runs the two layers as they are.
 * The result equals the unfolded pair up to float32 rounding (the scale applied to the weights before the sum instead
 * of to the sum).
 */
public final class FoldedBatchNorm {

    private final Conv2d conv;
    private final BatchNorm2d norm;
    private final int stride;
    private final int padding;
    private NDArray weight;
    private NDArray bias;
    /** Per input shape of one image {@code (C, H, W)}: its prepacked convolution, or empty when not worth it. */
    private final Map<Shape, Optional<PrepackedConvolution>> prepacked = new ConcurrentHashMap<>();
    /** Per input shape of one image: the prepacked convolution {@link #forwardPrepacked} runs, or empty without oneDNN. */
    private final Map<Shape, Optional<PrepackedConvolution>> alwaysPrepacked = new ConcurrentHashMap<>();

    public FoldedBatchNorm(Conv2d conv, BatchNorm2d norm) {
        if (conv.outChannels() != norm.channels()) {
            throw new IllegalArgumentException("a convolution followed by a norm of its channels expected: "
                + conv + " then " + norm);
        }
        this.conv = conv;
        this.norm = norm;
        this.stride = conv.stride();
        this.padding = conv.padding();
    }

    /** Makes the folded weight and bias from the layers' current values, on {@code manager}. */
    public void fold(NDManager manager) {
        release();
        float[] w = conv.weight().getArray().toFloatArray();
        float[] gamma = norm.gamma().getArray().toFloatArray();
        float[] beta = norm.beta().getArray().toFloatArray();
        float[] mean = norm.runningMean().getArray().toFloatArray();
        float[] var = norm.runningVar().getArray().toFloatArray();
        float[] convBias = conv.bias() == null ? null : conv.bias().getArray().toFloatArray();
        int out = gamma.length;
        int perChannel = w.length / out;
        float[] folded = new float[w.length];
        float[] shift = new float[out];
        for (int o = 0; o < out; o++) {
            // float32 as PyTorch's batch norm computes its inverse standard deviation
            float scale = (float) (gamma[o] / Math.sqrt(var[o] + norm.eps()));
            for (int i = 0; i < perChannel; i++) {
                folded[o * perChannel + i] = w[o * perChannel + i] * scale;
            }
            shift[o] = convBias == null ? beta[o] - mean[o] * scale : beta[o] + (convBias[o] - mean[o]) * scale;
        }
        weight = manager.create(folded, conv.weight().getArray().getShape());
        bias = manager.create(shift, new Shape(out));
    }

    /** The convolution and the norm of {@code x}; folded when {@link #fold} was called and nothing trains. */
    public NDArray forward(ParameterStore store, NDArray x, boolean training) {
        if (training) {
            release();
        }
        if (weight == null) {
            NDList y = conv.forward(store, new NDList(x), training, null);
            return norm.forward(store, y, training, null).singletonOrThrow();
        }
        Shape input = x.getShape();
        PrepackedConvolution packed = prepacked.computeIfAbsent(input.slice(1), image -> Optional.ofNullable(
            PrepackedConvolution.worthPacking(weight.getShape(), input)
                ? PrepackedConvolution.pack(weight, bias, stride, padding, input) : null)).orElse(null);
        if (packed != null) {
            return packed.apply(x);
        }
        return x.getNDArrayInternal().convolution(x, weight, bias, new Shape(stride, stride),
            new Shape(padding, padding), new Shape(1, 1), 1).singletonOrThrow();
    }

    /**
     * The folded convolution of {@code x}, prepacked whatever the sizes (for inputs in channels-last memory, on
     * which oneDNN's prepacked convolutions measured faster than libtorch's plain ones at every ResNet-50 size);
     * the plain one when this libtorch cannot prepack. Requires {@link #fold}.
     */
    NDArray forwardPrepacked(NDArray x) {
        if (weight == null) {
            throw new IllegalStateException("not folded");
        }
        Shape input = x.getShape();
        PrepackedConvolution packed = alwaysPrepacked.computeIfAbsent(input.slice(1), image -> Optional.ofNullable(
            PrepackedConvolution.pack(weight, bias, stride, padding, input))).orElse(null);
        if (packed != null) {
            return packed.apply(x);
        }
        return x.getNDArrayInternal().convolution(x, weight, bias, new Shape(stride, stride),
            new Shape(padding, padding), new Shape(1, 1), 1).singletonOrThrow();
    }

    /** Whether {@link #fold} made the folded tensors and no forward pass in training mode dropped them since. */
    boolean folded() {
        return weight != null;
    }

    /** Whether inputs of one image's shape {@code (C, H, W)} have run prepacked (for tests). */
    boolean prepackedFor(Shape image) {
        return prepacked.getOrDefault(image, Optional.empty()).isPresent();
    }

    private void release() {
        for (Map<Shape, Optional<PrepackedConvolution>> packs : List.of(prepacked, alwaysPrepacked)) {
            packs.values().forEach(p -> p.ifPresent(PrepackedConvolution::close));
            packs.clear();
        }
        if (weight != null) {
            weight.close();
            bias.close();
            weight = null;
            bias = null;
        }
    }
}
