package org.ambidex.nets.tflite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Map;
import org.ambidex.io.tflite.TfliteModel;
import org.ambidex.io.tflite.TfliteOperator;
import org.ambidex.io.tflite.TfliteOptions;
import org.ambidex.io.tflite.TfliteTensor;
import org.ambidex.tensor.Scalars;

/**
 * Compiles one validated op into a {@link Kernel}: its weights are widened (float16 constants were dequantised
 * by the graph's DEQUANTIZE ops, which are folded here), permuted to PyTorch's layouts and put on the network's
 * manager once; shapes from the file get their batch axis at run time.
 */
final class KernelFactory {

    private final TfliteModel model;
    private final NDManager manager;
    /** DEQUANTIZE and DENSIFY outputs and the constants whose values they hold. */
    private final Map<Integer, Integer> dequantised;

    KernelFactory(TfliteModel model, NDManager manager, Map<Integer, Integer> dequantised) {
        this.model = model;
        this.manager = manager;
        this.dequantised = dequantised;
    }

    /**
     * The kernel of {@code op}; {@code overwrite}: its first input is read by no later op, so the kernel may
     * write its result there instead of into a new array; {@code pad}: for a VALID convolution, the zero PAD it
     * also does (its activation is then the PAD's input; {@link GraphPlan#paddedBy}), or {@code null}.
     */
    Kernel kernel(TfliteOperator op, boolean overwrite, TfliteOperator pad) {
        return switch (op.op()) {
            case CONV_2D, DEPTHWISE_CONV_2D -> conv(op, pad);
            case MAX_POOL_2D -> maxPool(op);
            case ADD -> {
                TfliteOptions.Add o = (TfliteOptions.Add) op.options();
                yield overwrite ? (in, batch) -> Activations.apply(o.activation(), in[0].addi(in[1]))
                    : (in, batch) -> Activations.apply(o.activation(), in[0].add(in[1]));
            }
            case PRELU -> prelu(op, overwrite);
            case PAD -> pad(op);
            case RESIZE_BILINEAR -> resize(op);
            case RESHAPE -> reshape(op);
            case DEPTH_TO_SPACE -> depthToSpace(op);
            case CONCATENATION -> concatenation(op);
            case MEAN -> {
                boolean keep = ((TfliteOptions.Reducer) op.options()).keepDims();
                // Validated to average over H and W: one mean over the flattened NCHW plane (DJL's PyTorch mean
                // takes one axis); keeping the axes gives NCHW [N, C, 1, 1].
                yield (in, batch) -> {
                    Shape s = in[0].getShape();
                    NDArray flat = in[0].reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
                    NDArray m = flat.mean(new int[] {2});
                    if (flat != in[0]) {
                        flat.close();
                    }
                    return keep ? m.reshape(s.get(0), s.get(1), 1, 1) : m;
                };
            }
            case FULLY_CONNECTED -> fullyConnected(op);
            case LOGISTIC -> (in, batch) -> Activation.sigmoid(in[0]);
            case RELU6 -> (in, batch) -> in[0].clip(0f, 6f);
            case DEQUANTIZE, DENSIFY -> throw new IllegalArgumentException(op.op() + " is folded into the weights");
        };
    }

    private Kernel conv(TfliteOperator op, TfliteOperator pad) {
        // Uneven padding as a widened kernel: cheaper here than copying the activation into a padded one (ConvKernel).
        Convolution c = Convolution.of(model, op, pad, this::weights).widened();
        NDArray weight = manager.create(c.weight(), new Shape(c.out(), c.perGroup(), c.kh(), c.kw()));
        NDArray bias = c.bias() == null ? null : manager.create(c.bias(), new Shape(c.out()));
        return new ConvKernel(weight, bias, c.strideH(), c.strideW(), c.padding(), c.groups(), c.activation());
    }

    private Kernel maxPool(TfliteOperator op) {
        TfliteTensor x = model.tensor(op.input(0));
        TfliteOptions.Pool2D o = (TfliteOptions.Pool2D) op.options();
        return new MaxPoolKernel(o.filterH(), o.filterW(), o.strideH(), o.strideW(),
            WindowPadding.of(o.padding(), x.dim(1), x.dim(2), o.filterH(), o.filterW(), o.strideH(), o.strideW()),
            o.activation());
    }

    private Kernel prelu(TfliteOperator op, boolean overwrite) {
        int rank = model.tensor(op.input(0)).rank();
        float[] alpha = weights(op.input(1));
        // One alpha per channel: NCHW channels are axis 1 of an image; other ranks keep channels last.
        NDArray a = manager.create(alpha, rank == 4 ? new Shape(1, alpha.length, 1, 1) : new Shape(alpha.length));
        // TFLite's x >= 0 ? x : alpha x, exactly: max(x, 0) + alpha min(x, 0) (one term is always zero), with
        // max(x, 0) = x - min(x, 0). Done in place where possible: every new array costs fresh memory pages.
        return (in, batch) -> {
            NDArray negative = Scalars.minimum(in[0], 0f);
            NDArray positive = overwrite ? in[0] : Scalars.maximum(in[0], 0f);
            if (overwrite) {
                positive.subi(negative);
            }
            negative.muli(a);
            positive.addi(negative);
            negative.close();
            return positive;
        };
    }

    private Kernel pad(TfliteOperator op) {
        int[] p = model.ints(op.input(1));
        // NHWC (before, after) pairs as PyTorch lists them for NCHW, last axis first: W, H, C.
        Shape pads = new Shape(p[4], p[5], p[2], p[3], p[6], p[7]);
        return (in, batch) -> in[0].pad(pads, 0);
    }

    private Kernel resize(TfliteOperator op) {
        int[] size = model.ints(op.input(1));
        long[] hw = {size[0], size[1]};
        // Mode 1 is DJL's bilinear; PyTorch's align_corners=false is TFLite's half_pixel_centers=true.
        return (in, batch) -> in[0].getNDArrayInternal().interpolation(hw, 1, false);
    }

    private Kernel reshape(TfliteOperator op) {
        TfliteTensor out = model.tensor(op.output(0));
        long[] shape = out.shape().stream().mapToLong(Integer::longValue).toArray();
        return (in, batch) -> {
            long[] s = shape.clone();
            s[0] = batch;
            // The file's reshape flattens NHWC memory: permute first, or rows would not line up (anchor order).
            NDArray nhwc = NhwcLayout.toNhwc(in[0]);
            NDArray reshaped = NhwcLayout.toNchw(nhwc.reshape(s));
            if (nhwc != in[0]) {
                nhwc.close();
            }
            return reshaped;
        };
    }

    private Kernel depthToSpace(TfliteOperator op) {
        int b = ((TfliteOptions.DepthToSpace) op.options()).blockSize();
        // TFLite's NHWC channel (i b + j) C + c goes to pixel (h b + i, w b + j), channel c: block row and column
        // are the outer channel digits (PyTorch's pixel_shuffle has them inner, so it would mix channels up).
        return (in, batch) -> {
            Shape s = in[0].getShape();
            long c = s.get(1) / ((long) b * b);
            NDArray split = in[0].reshape(s.get(0), b, b, c, s.get(2), s.get(3));
            NDArray moved = split.transpose(0, 3, 4, 1, 5, 2);
            NDArray out = moved.reshape(s.get(0), c, s.get(2) * b, s.get(3) * b);
            split.close();
            moved.close();
            return out;
        };
    }

    private Kernel concatenation(TfliteOperator op) {
        TfliteOptions.Concatenation o = (TfliteOptions.Concatenation) op.options();
        int axis = NhwcLayout.axis(o.axis(), model.tensor(op.input(0)).rank());
        return (in, batch) -> Activations.apply(o.activation(), NDArrays.concat(new NDList(in), axis));
    }

    private Kernel fullyConnected(TfliteOperator op) {
        TfliteTensor w = model.tensor(op.input(1));
        NDArray weight = manager.create(weights(w.index()), new Shape(w.dim(0), w.dim(1)));
        NDArray bias = op.inputs().size() > 2 && op.input(2) >= 0 ? constant(op.input(2)) : null;
        TfliteOptions.FullyConnected o = (TfliteOptions.FullyConnected) op.options();
        long in = w.dim(1);
        return (x, batch) -> {
            NDArray flat = NhwcLayout.toNhwc(x[0]).reshape(batch, in);
            // PyTorch's linear takes the weight as TFLite stores it, [out, in].
            NDArray y = flat.getNDArrayInternal().linear(flat, weight, bias).singletonOrThrow();
            if (flat != x[0]) {
                flat.close();
            }
            return Activations.apply(o.activation(), y);
        };
    }

    private NDArray constant(int tensor) {
        TfliteTensor t = model.tensor(tensor);
        return manager.create(weights(tensor), new Shape(t.shape().stream().mapToLong(Integer::longValue).toArray()));
    }

    /**
     * The float values of a weight: a float32 constant, or the float16 or sparse constant a DEQUANTIZE or DENSIFY
     * (or both) made fixed floats of; the model widens and densifies it.
     */
    private float[] weights(int tensor) {
        Integer source = dequantised.get(tensor);
        return model.floats(source == null ? tensor : source);
    }
}
