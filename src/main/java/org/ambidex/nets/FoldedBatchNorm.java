package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * of to the sum). Once a prepacked copy is made the dense folded weight is dropped (ResNet-50: 94 MB; DIR's two
 * attention convolutions: 150 MB) and made again only if an input needs it. Like the models that hold it, not for
 * concurrent use.
 */
public final class FoldedBatchNorm {

    private final Conv2d conv;
    private final BatchNorm2d norm;
    private final int stride;
    private final int padding;
    /** The manager {@link #fold} was given; {@code null} while not folded. */
    private NDManager foldedOn;
    /** The dense folded weight; {@code null} when not folded or dropped after prepacking. */
    private NDArray weight;
    private NDArray bias;
    /** Per input shape of one image {@code (C, H, W)}: its prepacked convolution, or empty when not worth it. */
    private final Map<Shape, Optional<PrepackedConvolution>> prepacked = new HashMap<>();
    /** Per input shape of one image: what {@link #forwardPrepacked} runs, or empty without oneDNN. */
    private final Map<Shape, Optional<PrepackedConvolution>> alwaysPrepacked = new HashMap<>();

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
        float[] scale = scales();
        float[] beta = norm.beta().getArray().toFloatArray();
        float[] mean = norm.runningMean().getArray().toFloatArray();
        float[] convBias = conv.bias() == null ? null : conv.bias().getArray().toFloatArray();
        float[] shift = new float[scale.length];
        for (int o = 0; o < scale.length; o++) {
            shift[o] = convBias == null ? beta[o] - mean[o] * scale[o] : beta[o] + (convBias[o] - mean[o]) * scale[o];
        }
        foldedOn = manager;
        bias = kept(manager.create(shift, new Shape(scale.length)));
        denseWeight();
    }

    /** The convolution and the norm of {@code x}; folded when {@link #fold} was called and nothing trains. */
    public NDArray forward(ParameterStore store, NDArray x, boolean training) {
        if (training) {
            release();
        }
        if (!folded()) {
            NDList y = conv.forward(store, new NDList(x), training, null);
            return norm.forward(store, y, training, null).singletonOrThrow();
        }
        Shape input = x.getShape();
        PrepackedConvolution packed = prepacked.computeIfAbsent(input.slice(1), image -> Optional.ofNullable(
            PrepackedConvolution.onCpu(x) && PrepackedConvolution.worthPacking(conv.weight().getArray().getShape(),
                input) ? pack(input) : null))
            .orElse(null);
        return packed != null ? packed.apply(x) : plain(x);
    }

    /**
     * The folded convolution of {@code x}, prepacked whatever the sizes (for inputs in channels-last memory, on
     * which oneDNN's prepacked convolutions measured faster than libtorch's plain ones at every ResNet-50 size);
     * the plain one when this libtorch cannot prepack. Requires {@link #fold}.
     */
    NDArray forwardPrepacked(NDArray x) {
        if (!folded()) {
            throw new IllegalStateException("not folded");
        }
        Shape input = x.getShape();
        PrepackedConvolution packed = alwaysPrepacked.computeIfAbsent(input.slice(1),
            image -> Optional.ofNullable(pack(input))).orElse(null);
        return packed != null ? packed.apply(x) : plain(x);
    }

    /** Whether {@link #fold} made the folded tensors and no forward pass in training mode dropped them since. */
    boolean folded() {
        return foldedOn != null;
    }

    /** Whether inputs of one image's shape {@code (C, H, W)} have run prepacked (for tests). */
    boolean prepackedFor(Shape image) {
        return prepacked.getOrDefault(image, Optional.empty()).isPresent();
    }

    /** Whether the dense folded weight is held now (for tests). */
    boolean holdsDenseWeight() {
        return weight != null;
    }

    private NDArray plain(NDArray x) {
        return x.getNDArrayInternal().convolution(x, denseWeight(), bias, new Shape(stride, stride),
            new Shape(padding, padding), new Shape(1, 1), 1).singletonOrThrow();
    }

    /** The prepacked convolution for inputs like {@code input}, the dense weight then dropped; null without oneDNN. */
    private PrepackedConvolution pack(Shape input) {
        PrepackedConvolution packed = PrepackedConvolution.pack(denseWeight(), bias, stride, padding, input);
        if (packed != null) {
            weight.close();
            weight = null;
        }
        return packed;
    }

    /** The dense folded weight, made again from the layers when it was dropped. */
    private NDArray denseWeight() {
        if (weight == null) {
            float[] w = conv.weight().getArray().toFloatArray();
            float[] scale = scales();
            int perChannel = w.length / scale.length;
            float[] folded = new float[w.length];
            for (int o = 0; o < scale.length; o++) {
                for (int i = 0; i < perChannel; i++) {
                    folded[o * perChannel + i] = w[o * perChannel + i] * scale[o];
                }
            }
            weight = kept(foldedOn.create(folded, conv.weight().getArray().getShape()));
        }
        return weight;
    }

    /** Per output channel {@code g / sqrt(v + eps)}, in float32 as PyTorch's batch norm computes it. */
    private float[] scales() {
        float[] gamma = norm.gamma().getArray().toFloatArray();
        float[] var = norm.runningVar().getArray().toFloatArray();
        float[] scale = new float[gamma.length];
        for (int o = 0; o < scale.length; o++) {
            scale[o] = (float) (gamma[o] / Math.sqrt(var[o] + norm.eps()));
        }
        return scale;
    }

    /** {@code array}, taken out of any NDScope it was made in: it lives until {@link #release}. */
    private static NDArray kept(NDArray array) {
        NDScope.unregister(array);
        return array;
    }

    private void release() {
        for (Map<Shape, Optional<PrepackedConvolution>> packs : List.of(prepacked, alwaysPrepacked)) {
            packs.values().forEach(p -> p.ifPresent(PrepackedConvolution::close));
            packs.clear();
        }
        if (weight != null) {
            weight.close();
            weight = null;
        }
        if (bias != null) {
            bias.close();
            bias = null;
        }
        foldedOn = null;
    }
}
