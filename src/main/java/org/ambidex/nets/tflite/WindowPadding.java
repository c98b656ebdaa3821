package org.ambidex.nets.tflite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.ambidex.io.tflite.TflitePadding;

/**
 * TFLite's padding of a sliding window over an NCHW activation, exactly: SAME puts the odd pixel of an uneven
 * split after (bottom, right), where PyTorch's own padding is symmetric. Symmetric padding is left to the
 * convolution or pool itself (no copy); uneven padding is done by an explicit pad before it.
 *
 * @param top    rows before
 * @param bottom rows after
 * @param left   columns before
 * @param right  columns after
 */
record WindowPadding(int top, int bottom, int left, int right) {

    /** The padding TFLite applies for a window of {@code kh x kw} with strides over an input of {@code h x w}. */
    static WindowPadding of(TflitePadding padding, int h, int w, int kh, int kw, int strideH, int strideW) {
        return new WindowPadding(padding.before(h, kh, strideH), padding.after(h, kh, strideH),
            padding.before(w, kw, strideW), padding.after(w, kw, strideW));
    }

    /** Whether the window op can pad by itself (equal padding on both sides of each axis). */
    boolean symmetric() {
        return top == bottom && left == right;
    }

    /** The padding the window op itself does, as (rows, columns): the symmetric one, or none. */
    Shape inOp() {
        return symmetric() ? new Shape(top, left) : new Shape(0, 0);
    }

    /** {@code x} padded with {@code value} where the window op cannot pad by itself; {@code x} otherwise. */
    NDArray explicit(NDArray x, double value) {
        // PyTorch's pad lists (before, after) pairs from the last axis: width, then height.
        return symmetric() ? x : x.pad(new Shape(left, right, top, bottom), value);
    }

    /**
     * Whether a convolution's uneven padding can be made symmetric by widening its kernel: TFLite's SAME puts at
     * most as much before as after, so a kernel with {@code after - before} zero rows (columns) in front, padded
     * by {@code after} on both sides, reads exactly TFLite's windows, without copying the activation into a
     * padded one.
     */
    boolean widenable() {
        return !symmetric() && bottom >= top && right >= left;
    }

    /**
     * The symmetric padding that goes with a kernel widened by {@code bottom - top} zero rows and
     * {@code right - left} zero columns in front ({@link Convolution#widened}).
     */
    WindowPadding afterOnBothSides() {
        return new WindowPadding(bottom, bottom, right, right);
    }
}
