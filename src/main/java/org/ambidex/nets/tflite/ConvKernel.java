package org.ambidex.nets.tflite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.ambidex.io.tflite.TfliteActivation;

/**
 * CONV_2D and DEPTHWISE_CONV_2D on NCHW activations: one PyTorch convolution with the bias fused (weights OIHW;
 * a depthwise weight is C1HW with C groups), TFLite's padding, then the fused activation. Uneven SAME padding comes
 * made symmetric by a widened kernel ({@link Convolution#widened}), which costs less than copying the activation
 * into an explicitly padded one (0.6 ms of 11.7 for hand_landmark_full at one thread, 4 of 14 ms for
 * palm_detection_full at two); padding that cannot be widened is done by an explicit pad.
 */
final class ConvKernel implements Kernel {

    private final NDArray weight;
    private final NDArray bias;
    private final Shape stride;
    private final WindowPadding padding;
    private final int groups;
    private final TfliteActivation activation;

    /**
     * @param weight     {@code [O, I / groups, KH, KW]}; owned by the kernel from here on
     * @param bias       {@code [O]}, or {@code null}
     * @param groups     1, or the channel count of a depthwise convolution
     */
    ConvKernel(NDArray weight, NDArray bias, int strideH, int strideW, WindowPadding padding, int groups,
               TfliteActivation activation) {
        this.weight = weight;
        this.bias = bias;
        this.stride = new Shape(strideH, strideW);
        this.padding = padding;
        this.groups = groups;
        this.activation = activation;
    }

    @Override
    public NDArray apply(NDArray[] inputs, int batch) {
        NDArray x = padding.explicit(inputs[0], 0);
        NDArray y = x.getNDArrayInternal().convolution(x, weight, bias, stride, padding.inOp(), new Shape(1, 1),
            groups).singletonOrThrow();
        if (x != inputs[0]) {
            x.close();
        }
        return Activations.apply(activation, y);
    }
}
