package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Linear;
import org.ambidex.nets.TorchModule;

/**
 * IntagHand's {@code GCN_ResBlock} on node features {@code (B, V, in)}: two Chebyshev graph convolutions of order 2
 * with the dense scaled Laplacian {@code L (V, V)} ({@code [x, L x]} per feature, interleaved feature-major as
 * {@code (f0 k0, f0 k1, f1 k0, ...)}, then a linear layer), {@code norm2} and ReLU between them, a linear shortcut,
 * and {@code norm3} of the sum. {@code norm1} is a parameter of the reference that its forward computes and then
 * discards (the first convolution takes the raw input), so it is loaded but unused here.
 */
public final class ChebyshevBlock extends TorchModule {

    private final NDArray laplacian;
    private final Linear fc1;
    private final LayerNorm norm2;
    private final Linear fc2;
    private final Linear shortcut;
    private final LayerNorm norm3;

    /**
     * @param laplacian the dense {@code (V, V)} float32 Laplacian, owned by the caller's manager
     */
    public ChebyshevBlock(int in, int out, NDArray laplacian) {
        this.laplacian = laplacian;
        child("norm1", new LayerNorm(in));
        fc1 = child("fc1", new Linear(2 * in, out));
        norm2 = child("norm2", new LayerNorm(out));
        fc2 = child("fc2", new Linear(2 * out, out));
        shortcut = child("shortcut", new Linear(in, out));
        norm3 = child("norm3", new LayerNorm(out));
    }

    NDArray apply(ParameterStore store, NDArray x, boolean training) {
        NDArray h = chebyshev(store, x, fc1, training);
        h = Activation.relu(norm2.apply(store, h, training));
        h = chebyshev(store, h, fc2, training);
        return norm3.apply(store, h.add(Attention.linear(shortcut, store, x, training)), training);
    }

    private NDArray chebyshev(ParameterStore store, NDArray x, Linear fc, boolean training) {
        long b = x.getShape().get(0);
        long v = x.getShape().get(1);
        long f = x.getShape().get(2);
        // as the reference: nodes x (features * batch), one matrix product with L for the whole batch
        NDArray x0 = x.transpose(1, 2, 0).reshape(v, f * b);
        NDArray x1 = laplacian.toDevice(x.getDevice(), false).matMul(x0);
        NDArray k = NDArrays.stack(new NDList(x0, x1), 0).reshape(2, v, f, b).transpose(3, 1, 2, 0)
            .reshape(b * v, f * 2);
        return Attention.linear(fc, store, k, training).reshape(b, v, -1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow(), training));
    }
}
