package org.ambidex.nets.tflite;

import java.util.function.IntFunction;
import org.ambidex.io.tflite.TfliteActivation;
import org.ambidex.io.tflite.TfliteModel;
import org.ambidex.io.tflite.TfliteOp;
import org.ambidex.io.tflite.TfliteOperator;
import org.ambidex.io.tflite.TfliteOptions;
import org.ambidex.io.tflite.TfliteTensor;

/**
 * A CONV_2D or DEPTHWISE_CONV_2D as PyTorch takes it, whichever way the graph runs: the weight permuted to
 * {@code [O, I / groups, KH, KW]} (OIHW; a depthwise weight C1HW with C groups), the bias, strides, TFLite's window
 * padding (its own, or that of a zero PAD folded into it, {@link GraphPlan#paddedBy}) and the fused activation.
 *
 * @param weight     {@code out x perGroup x kh x kw} values, OIHW
 * @param out        output channels
 * @param perGroup   input channels per group (1 for depthwise)
 * @param kh         kernel rows
 * @param kw         kernel columns
 * @param groups     1, or the channel count of a depthwise convolution
 * @param bias       {@code out} values, or {@code null}
 * @param padding    the window padding TFLite applies (possibly uneven)
 */
record Convolution(float[] weight, int out, int perGroup, int kh, int kw, int groups, float[] bias, int strideH,
                   int strideW, WindowPadding padding, TfliteActivation activation) {

    /**
     * The convolution {@code op} of {@code model}, its constants read through {@code weights} (tensor index to
     * float values: widened and densified as the graph's DEQUANTIZE and DENSIFY ops say), with the zero PAD
     * {@code pad} folded into it or {@code null}.
     */
    static Convolution of(TfliteModel model, TfliteOperator op, TfliteOperator pad, IntFunction<float[]> weights) {
        TfliteTensor in = model.tensor(op.input(0));
        TfliteTensor w = model.tensor(op.input(1));
        int kh = w.dim(1);
        int kw = w.dim(2);
        float[] values = weights.apply(w.index());
        boolean depthwise = op.op() == TfliteOp.DEPTHWISE_CONV_2D;
        int out = depthwise ? w.dim(3) : w.dim(0);
        int perGroup = depthwise ? 1 : w.dim(3);
        float[] oihw = depthwise ? WeightLayout.depthwiseToC1hw(values, kh, kw, out)
            : WeightLayout.ohwiToOihw(values, out, kh, kw, perGroup);
        float[] bias = op.inputs().size() > 2 && op.input(2) >= 0 ? weights.apply(op.input(2)) : null;
        TfliteOptions.Convolution options = (TfliteOptions.Convolution) op.options();
        WindowPadding padding = WindowPadding.of(options.padding(), in.dim(1), in.dim(2), kh, kw, options.strideH(),
            options.strideW());
        if (pad != null) {
            int[] p = model.ints(pad.input(1));
            padding = new WindowPadding(p[2], p[3], p[4], p[5]);
        }
        return new Convolution(oihw, out, perGroup, kh, kw, depthwise ? out : 1, bias, options.strideH(),
            options.strideW(), padding, options.activation());
    }

    /** The weight's shape, {@code [out, perGroup, kh, kw]}. */
    int[] weightShape() {
        return new int[] {out, perGroup, kh, kw};
    }

    /**
     * The same convolution with TFLite's uneven padding made symmetric by zero rows and columns in front of the
     * kernel ({@link WindowPadding#widenable}); itself when not widenable.
     */
    Convolution widened() {
        if (!padding.widenable()) {
            return this;
        }
        int rows = padding.bottom() - padding.top();
        int cols = padding.right() - padding.left();
        return new Convolution(WeightLayout.widenedInFront(weight, out, perGroup, kh, kw, rows, cols), out, perGroup,
            kh + rows, kw + cols, groups, bias, strideH, strideW, padding.afterOnBothSides(), activation);
    }
}
