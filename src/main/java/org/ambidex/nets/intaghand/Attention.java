package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import org.ambidex.nets.Linear;
import org.ambidex.tensor.Scalars;

/** The scaled dot-product attention that IntagHand writes out by hand (no fused kernel), shared by its modules. */
final class Attention {

    private Attention() {
    }

    /** {@code linear(x)} for {@code x (B, N, in)}. */
    static NDArray linear(Linear layer, ParameterStore store, NDArray x, boolean training) {
        return layer.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /** {@code (B, N, heads * d)} to {@code (B, heads, N, d)}. */
    static NDArray heads(NDArray x, int heads) {
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        long d = x.getShape().get(2) / heads;
        return x.reshape(b, n, heads, d).transpose(0, 2, 1, 3);
    }

    /**
     * {@code softmax(q k^T / sqrt(d)) v} per head, then the heads side by side: {@code q (B, h, Nq, d)},
     * {@code k, v (B, h, Nk, d)} to {@code (B, Nq, h d)}.
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v) {
        long d = q.getShape().get(3);
        float root = (float) Math.sqrt(d);
        NDArray scores;
        if (Math.getExponent(root) >= 0 && root == Math.scalb(1f, Math.getExponent(root))) {
            // sqrt(d) a power of two (d = 16, 64, ...): scaling q by its reciprocal, exactly, scales every product
            // and partial sum exactly, so the scores are the reference's to the bit, at Nq d multiplications rather
            // than Nq Nk divisions.
            scores = Scalars.mul(q, 1f / root).matMul(k.transpose(0, 1, 3, 2));
        } else {
            scores = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), root);
        }
        NDArray a = scores.softmax(-1);
        NDArray out = a.matMul(v).transpose(0, 2, 1, 3);
        long b = out.getShape().get(0);
        long n = out.getShape().get(1);
        return out.reshape(b, n, -1);
    }
}
