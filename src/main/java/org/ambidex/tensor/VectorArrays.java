package org.ambidex.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Vector algebra on arrays whose last axis holds 3-D vectors, differentiable (PyTorch operations only). */
public final class VectorArrays {

    private VectorArrays() {
    }

    /**
     * The cross product {@code a x b} along the last axis.
     *
     * @param a {@code [..., 3]}
     * @param b {@code [..., 3]}, the same shape
     * @return {@code [..., 3]}: {@code (a1 b2 - a2 b1, a2 b0 - a0 b2, a0 b1 - a1 b0)}
     */
    public static NDArray cross(NDArray a, NDArray b) {
        NDArray a0 = a.get("..., 0");
        NDArray a1 = a.get("..., 1");
        NDArray a2 = a.get("..., 2");
        NDArray b0 = b.get("..., 0");
        NDArray b1 = b.get("..., 1");
        NDArray b2 = b.get("..., 2");
        return NDArrays.stack(new NDList(a1.mul(b2).sub(a2.mul(b1)), a2.mul(b0).sub(a0.mul(b2)),
            a0.mul(b1).sub(a1.mul(b0))), -1);
    }
}
