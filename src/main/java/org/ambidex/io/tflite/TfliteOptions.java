package org.ambidex.io.tflite;

import java.util.List;

/**
 * The builtin options of one op, as validated: only the values the interpreter implements get this far (for
 * example dilation 1 and depth multiplier 1 are checked, so they are not carried). Strides and filter sizes are
 * in pixels of the op's input; axes are NHWC axes of the file.
 */
public sealed interface TfliteOptions {

    /** Ops without options (DEQUANTIZE, PAD, PRELU, LOGISTIC, RELU6). */
    record None() implements TfliteOptions {
    }

    /** What CONV_2D and DEPTHWISE_CONV_2D options share: window padding, strides, fused activation. */
    sealed interface Convolution extends TfliteOptions {
        TflitePadding padding();

        int strideH();

        int strideW();

        TfliteActivation activation();
    }

    /** CONV_2D: padding, strides, fused activation; dilation 1. */
    record Conv2D(TflitePadding padding, int strideH, int strideW, TfliteActivation activation)
        implements Convolution {
    }

    /** DEPTHWISE_CONV_2D: padding, strides, fused activation; depth multiplier 1 and dilation 1. */
    record DepthwiseConv2D(TflitePadding padding, int strideH, int strideW, TfliteActivation activation)
        implements Convolution {
    }

    /** MAX_POOL_2D: padding, strides, window, fused activation. */
    record Pool2D(TflitePadding padding, int strideH, int strideW, int filterH, int filterW,
                  TfliteActivation activation) implements TfliteOptions {
    }

    /** RESHAPE: the new shape of the options (empty when the shape comes from the op's second input). */
    record Reshape(List<Integer> newShape) implements TfliteOptions {
        public Reshape {
            newShape = List.copyOf(newShape);
        }
    }

    /** CONCATENATION: the NHWC axis (may be negative, from the end), fused activation. */
    record Concatenation(int axis, TfliteActivation activation) implements TfliteOptions {
    }

    /** RESIZE_BILINEAR: always half-pixel centres without aligned corners, the only mode accepted. */
    record ResizeBilinear(boolean alignCorners, boolean halfPixelCenters) implements TfliteOptions {
    }

    /** FULLY_CONNECTED: fused activation; default weight layout, output rank 2. */
    record FullyConnected(TfliteActivation activation) implements TfliteOptions {
    }

    /** MEAN: whether the reduced axes stay as length-1 axes. */
    record Reducer(boolean keepDims) implements TfliteOptions {
    }

    /** DEPTH_TO_SPACE: the block size, at least 1 (channels move into {@code blockSize x blockSize} pixels). */
    record DepthToSpace(int blockSize) implements TfliteOptions {
    }

    /** ADD: fused activation. */
    record Add(TfliteActivation activation) implements TfliteOptions {
    }
}
