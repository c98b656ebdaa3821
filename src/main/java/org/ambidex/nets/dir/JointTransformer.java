package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Linear;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;
import org.ambidex.tensor.Scalars;

/**
 * MixSTE's spatial transformer ({@code STE}) as DIR uses it on both hands' 42 joint tokens: a learned position
 * embedding ({@code spatial_pos_embed (1, 42, C)}) added, then blocks 1..depth-1 of {@code STEblocks} (block 0
 * has weights but the reference's loop starts at 1), each followed by {@code spatial_norm}; then {@code head}
 * (LayerNorm eps 1e-5, Linear to the output width). Blocks: pre-norm (eps 1e-6) multi-head attention with a
 * fused, biased {@code qkv} and {@code proj}, then an MLP ({@code fc1}, exact GELU, {@code fc2}); both residual.
 * Input (B, 42, C), output (B, 42, out).
 */
final class JointTransformer extends TorchModule {

    private static final int HEADS = 4;
    private static final float BLOCK_EPS = 1e-6f;

    private final Parameter positions;
    private final Block[] blocks;
    private final LayerNorm spatialNorm;
    private final Sequential head;

    JointTransformer(int tokens, int dim, int out, int depth) {
        positions = parameter("spatial_pos_embed", Parameter.Type.WEIGHT, 0f, true, 1, tokens, dim);
        blocks = new Block[depth];
        for (int i = 0; i < depth; i++) {
            blocks[i] = new Block(dim);
        }
        child("STEblocks", new Sequential(blocks));
        spatialNorm = child("spatial_norm", new LayerNorm(dim, BLOCK_EPS));
        head = child("head", new Sequential(new LayerNorm(dim, 1e-5f), new Linear(dim, out)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow().add(store.getValue(positions, inputs.head().getDevice(), training));
        for (int i = 1; i < blocks.length; i++) {
            x = Forward.of(spatialNorm, store, Forward.of(blocks[i], store, x, training), training);
        }
        return head.forward(store, new NDList(x), training, params);
    }

    /** One transformer block ({@code norm1, attn.qkv, attn.proj, norm2, mlp.fc1, mlp.fc2}). */
    private static final class Block extends TorchModule {
        private final LayerNorm norm1;
        private final Attention attn;
        private final LayerNorm norm2;
        private final Mlp mlp;

        Block(int dim) {
            norm1 = child("norm1", new LayerNorm(dim, BLOCK_EPS));
            attn = child("attn", new Attention(dim));
            norm2 = child("norm2", new LayerNorm(dim, BLOCK_EPS));
            mlp = child("mlp", new Mlp(dim, dim * 2));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            x = x.add(Forward.of(attn, store, Forward.of(norm1, store, x, training), training));
            x = x.add(Forward.of(mlp, store, Forward.of(norm2, store, x, training), training));
            return new NDList(x);
        }
    }

    /** Multi-head self-attention with a fused {@code qkv} projection, scale {@code head_dim^-0.5}. */
    private static final class Attention extends TorchModule {
        private final Linear qkv;
        private final Linear proj;

        Attention(int dim) {
            qkv = child("qkv", new Linear(dim, dim * 3));
            proj = child("proj", new Linear(dim, dim));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            long b = x.getShape().get(0);
            long n = x.getShape().get(1);
            long c = x.getShape().get(2);
            NDArray t = Forward.of(qkv, store, x, training).reshape(b, n, 3, HEADS, c / HEADS)
                .transpose(2, 0, 3, 1, 4);
            NDArray q = t.get(0);
            NDArray k = t.get(1);
            NDArray v = t.get(2);
            NDArray attention = Scalars.mul(q.matMul(k.transpose(0, 1, 3, 2)), (float) Math.pow(c / HEADS, -0.5));
            NDArray y = attention.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, n, c);
            return proj.forward(store, new NDList(y), training, params);
        }
    }

    /** {@code fc1}, GELU, {@code fc2}. */
    private static final class Mlp extends TorchModule {
        private final Linear fc1;
        private final Linear fc2;

        Mlp(int dim, int hidden) {
            fc1 = child("fc1", new Linear(dim, hidden));
            fc2 = child("fc2", new Linear(hidden, dim));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray h = Activation.gelu(Forward.of(fc1, store, inputs.singletonOrThrow(), training));
            return fc2.forward(store, new NDList(h), training, params);
        }
    }
}
