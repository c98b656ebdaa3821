package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Linear;
import org.ambidex.nets.TorchModule;

/**
 * IntagHand's {@code inter_attn} on the two hands' node features {@code (B, V, dim)}: each hand's own
 * {@link SelfAttn}, then cross-attention (left queries attend to right keys and values and vice versa) with one set
 * of query, key, value and output weights for both directions but a layer norm per hand, added to each hand, then a
 * per-hand {@link MlpResBlock}.
 */
public final class InterAttn extends TorchModule {

    private final int heads;
    private final SelfAttn leftSelf;
    private final SelfAttn rightSelf;
    private final Linear wq;
    private final Linear wk;
    private final Linear wv;
    private final Linear fc;
    private final LayerNorm normLeft;
    private final LayerNorm normRight;
    private final MlpResBlock ffLeft;
    private final MlpResBlock ffRight;

    public InterAttn(int dim, int heads) {
        this.heads = heads;
        int inner = heads * (dim / heads);
        leftSelf = child("L_self_attn_layer", new SelfAttn(dim, dim, heads));
        rightSelf = child("R_self_attn_layer", new SelfAttn(dim, dim, heads));
        wq = child("w_qs", new Linear(dim, inner));
        wk = child("w_ks", new Linear(dim, inner));
        wv = child("w_vs", new Linear(dim, inner));
        fc = child("fc", new Linear(inner, dim));
        normLeft = child("layer_norm1", new LayerNorm(dim));
        normRight = child("layer_norm2", new LayerNorm(dim));
        ffLeft = child("ffL", new MlpResBlock(dim, dim));
        ffRight = child("ffR", new MlpResBlock(dim, dim));
    }

    /** The updated {@code left, right}. */
    NDList apply(ParameterStore store, NDArray left, NDArray right, boolean training) {
        NDArray l = leftSelf.apply(store, left, training);
        NDArray r = rightSelf.apply(store, right, training);
        NDArray ln = normLeft.apply(store, l, training);
        NDArray rn = normRight.apply(store, r, training);
        NDArray lq = Attention.heads(Attention.linear(wq, store, ln, training), heads);
        NDArray lk = Attention.heads(Attention.linear(wk, store, ln, training), heads);
        NDArray lv = Attention.heads(Attention.linear(wv, store, ln, training), heads);
        NDArray rq = Attention.heads(Attention.linear(wq, store, rn, training), heads);
        NDArray rk = Attention.heads(Attention.linear(wk, store, rn, training), heads);
        NDArray rv = Attention.heads(Attention.linear(wv, store, rn, training), heads);
        NDArray fromRight = Attention.linear(fc, store, Attention.attend(lq, rk, rv), training);
        NDArray fromLeft = Attention.linear(fc, store, Attention.attend(rq, lk, lv), training);
        return new NDList(ffLeft.apply(store, l.add(fromRight), training),
            ffRight.apply(store, r.add(fromLeft), training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return apply(store, inputs.get(0), inputs.get(1), training);
    }
}
