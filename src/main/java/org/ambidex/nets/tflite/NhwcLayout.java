package org.ambidex.nets.tflite;

import ai.djl.ndarray.NDArray;

/**
 * Where the file's NHWC layout meets the interpreter's NCHW activations. Only ops that look at the memory order
 * (RESHAPE, FULLY_CONNECTED of an image, the outputs) and ops with an axis (CONCATENATION, PAD, MEAN) need it.
 */
final class NhwcLayout {

    private NhwcLayout() {
    }

    /** An NCHW activation as NHWC; arrays of other ranks are returned as they are. */
    static NDArray toNhwc(NDArray x) {
        return x.getShape().dimension() == 4 ? x.transpose(0, 2, 3, 1) : x;
    }

    /** An NHWC array as NCHW; arrays of other ranks are returned as they are. */
    static NDArray toNchw(NDArray x) {
        return x.getShape().dimension() == 4 ? x.transpose(0, 3, 1, 2) : x;
    }

    /** The NCHW axis of NHWC axis {@code axis} of a rank-{@code rank} activation (other ranks keep their axes). */
    static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (rank != 4 || a == 0) {
            return a;
        }
        return a == 3 ? 1 : a + 1;
    }
}
