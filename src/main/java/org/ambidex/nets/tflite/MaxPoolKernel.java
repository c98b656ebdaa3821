package org.ambidex.nets.tflite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.ambidex.io.tflite.TfliteActivation;

/**
 * MAX_POOL_2D on NCHW activations. TFLite ignores the padded positions of a SAME window, which is padding with
 * minus infinity: PyTorch's pool does that for symmetric padding, an explicit pad for uneven padding.
 */
final class MaxPoolKernel implements Kernel {

    private final Shape window;
    private final Shape stride;
    private final WindowPadding padding;
    private final TfliteActivation activation;

    MaxPoolKernel(int filterH, int filterW, int strideH, int strideW, WindowPadding padding,
                  TfliteActivation activation) {
        this.window = new Shape(filterH, filterW);
        this.stride = new Shape(strideH, strideW);
        this.padding = padding;
        this.activation = activation;
    }

    @Override
    public NDArray apply(NDArray[] inputs, int batch) {
        NDArray x = padding.explicit(inputs[0], Double.NEGATIVE_INFINITY);
        NDArray y = x.getNDArrayInternal().maxPool(window, stride, padding.inOp(), false);
        if (x != inputs[0]) {
            x.close();
        }
        return Activations.apply(activation, y);
    }
}
