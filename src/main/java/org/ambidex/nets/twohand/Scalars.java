package org.ambidex.nets.twohand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with constants for arrays that are differentiated. DJL's {@code mul(Number)} and friends wrap the
 * number in an array that aliases a Java buffer and close it right after the operation; autograd keeps that array
 * for the backward pass (the gradient of {@code a * c} is {@code c}), so it could read freed memory. These helpers
 * make the constant in storage PyTorch allocates and owns ({@code full}).
 */
public final class Scalars {

    private Scalars() {
    }

    /** A 0-d array of {@code value} in {@code like}'s manager and type, in PyTorch-owned storage. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** {@code a * value}. */
    public static NDArray mul(NDArray a, double value) {
        return a.mul(of(a, value));
    }

    /** {@code a / value}. */
    public static NDArray div(NDArray a, double value) {
        return a.div(of(a, value));
    }

    /** {@code max(a, value)} elementwise. */
    public static NDArray maximum(NDArray a, double value) {
        return a.maximum(of(a, value));
    }
}
