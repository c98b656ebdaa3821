package org.ambidex.tensor;

import ai.djl.ndarray.NDArray;
import java.lang.ref.Reference;

/**
 * Arithmetic with a constant number, safe for arrays that are differentiated: the number becomes a 0-d array in
 * storage PyTorch allocates and owns, attached to the operand's manager (see the package documentation for why
 * DJL's own {@code mul(Number)} and friends are not safe). The constant has the data type DJL would give the
 * number ({@code Float} float32, {@code Double} float64, {@code Integer} int32) and follows PyTorch's type
 * promotion exactly as DJL's overloads do, so results are bit for bit those of {@code a.mul(value)}. One
 * consequence: a 0-d operand (a loss term) times a {@code Double} comes out float64, since two 0-d arrays promote
 * to the wider type; pass a {@code float} to stay in float32.
 */
public final class Scalars {

    private Scalars() {
    }

    /** A 0-d array holding {@code value}, in {@code like}'s manager, in PyTorch-owned storage. */
    public static NDArray of(NDArray like, Number value) {
        NDArray wrapped = like.getManager().create(value);
        NDArray owned = wrapped.duplicate();
        Reference.reachabilityFence(wrapped);
        wrapped.close();
        return owned;
    }

    /** {@code a * value}. */
    public static NDArray mul(NDArray a, Number value) {
        return a.mul(of(a, value));
    }

    /** {@code a / value}. */
    public static NDArray div(NDArray a, Number value) {
        return a.div(of(a, value));
    }

    /** {@code value / a}. */
    public static NDArray divide(Number value, NDArray a) {
        return of(a, value).div(a);
    }

    /** {@code a ^ value}. */
    public static NDArray pow(NDArray a, Number value) {
        return a.pow(of(a, value));
    }

    /** {@code max(a, value)} elementwise. */
    public static NDArray maximum(NDArray a, Number value) {
        return a.maximum(of(a, value));
    }

    /** {@code min(a, value)} elementwise. */
    public static NDArray minimum(NDArray a, Number value) {
        return a.minimum(of(a, value));
    }

    /** {@code a mod value} (DJL's {@code mod}: the remainder with the divisor's sign). */
    public static NDArray mod(NDArray a, Number value) {
        return a.mod(of(a, value));
    }
}
