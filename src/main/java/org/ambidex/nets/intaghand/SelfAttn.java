package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Linear;
import org.ambidex.nets.TorchModule;

/**
 * IntagHand's {@code SelfAttn} on {@code (B, N, dim)}: pre-norm multi-head self-attention with a residual
 * ({@code x + fc(attn(layer_norm(x)))}), then an {@link MlpResBlock} {@code ff}. Head size {@code dim / heads}.
 */
public final class SelfAttn extends TorchModule {

    private final int heads;
    private final Linear wq;
    private final Linear wk;
    private final Linear wv;
    private final LayerNorm layerNorm;
    private final Linear fc;
    private final MlpResBlock ff;

    public SelfAttn(int dim, int hidden, int heads) {
        this.heads = heads;
        int inner = heads * (dim / heads);
        wq = child("w_qs", new Linear(dim, inner));
        wk = child("w_ks", new Linear(dim, inner));
        wv = child("w_vs", new Linear(dim, inner));
        layerNorm = child("layer_norm", new LayerNorm(dim));
        fc = child("fc", new Linear(inner, dim));
        ff = child("ff", new MlpResBlock(dim, hidden));
    }

    NDArray apply(ParameterStore store, NDArray x, boolean training) {
        NDArray h = layerNorm.apply(store, x, training);
        NDArray q = Attention.heads(Attention.linear(wq, store, h, training), heads);
        NDArray k = Attention.heads(Attention.linear(wk, store, h, training), heads);
        NDArray v = Attention.heads(Attention.linear(wv, store, h, training), heads);
        NDArray y = x.add(Attention.linear(fc, store, Attention.attend(q, k, v), training));
        return ff.apply(store, y, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow(), training));
    }
}
