package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.Linear;
import org.ambidex.nets.TorchModule;

/**
 * IntagHand's {@code img_ex}: image features {@code (B, C, S, S)} cut into a {@code grid x grid} of patches
 * ({@code encoder}: patch convolution, ReLU, position table, {@link SelfAttn}), projected to the node width and
 * attended to together with the nodes ({@code attn}: one self-attention over {@code [nodes; patches]}, of which the
 * node tokens are kept). Nodes {@code (B, V, nodeDim)} in and out.
 */
public final class ImageAttention extends TorchModule {

    private final Grid encoder;
    private final NodeAttention attn;

    public ImageAttention(int imageSize, int imageDim, int grid, int gridDim, int nodeDim, int heads) {
        encoder = child("encoder", new Grid(imageSize, imageDim, grid, gridDim, heads));
        attn = child("attn", new NodeAttention(nodeDim, gridDim, heads));
    }

    NDArray apply(ParameterStore store, NDArray image, NDArray nodes, boolean training) {
        return attn.apply(store, nodes, encoder.apply(store, image, training), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, inputs.get(0), inputs.get(1), training));
    }

    /** {@code img_feat_to_grid}: {@code (B, C, S, S)} to {@code (B, grid^2, gridDim)} tokens. */
    static final class Grid extends TorchModule {
        private final PositionTable positions;
        private final Conv2d proj;
        private final SelfAttn selfAttn;

        Grid(int imageSize, int imageDim, int grid, int gridDim, int heads) {
            int patch = imageSize / grid;
            positions = child("position_embeddings", new PositionTable(grid * grid, gridDim));
            proj = child("proj", new Conv2d(imageDim, gridDim, patch, patch, 0, true));
            selfAttn = child("self_attn", new SelfAttn(gridDim, gridDim, heads));
        }

        NDArray apply(ParameterStore store, NDArray image, boolean training) {
            NDArray g = Activation.relu(proj.forward(store, new NDList(image), training).singletonOrThrow());
            long b = g.getShape().get(0);
            long c = g.getShape().get(1);
            g = g.reshape(b, c, -1).transpose(0, 2, 1);
            return selfAttn.apply(store, positions.addTo(store, g, training), training);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            return new NDList(apply(store, inputs.singletonOrThrow(), training));
        }
    }

    /** {@code img_attn}: the patch tokens projected to the node width, attended to with the nodes. */
    static final class NodeAttention extends TorchModule {
        private final Linear fc;
        private final SelfAttn attn;

        NodeAttention(int nodeDim, int gridDim, int heads) {
            fc = child("fc", new Linear(gridDim, nodeDim));
            attn = child("Attn", new SelfAttn(nodeDim, nodeDim, heads));
        }

        NDArray apply(ParameterStore store, NDArray nodes, NDArray grid, boolean training) {
            long v = nodes.getShape().get(1);
            NDArray tokens = nodes.concat(Attention.linear(fc, store, grid, training), 1);
            return attn.apply(store, tokens, training).get(new NDIndex(":, :{}", v));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            return new NDList(apply(store, inputs.get(0), inputs.get(1), training));
        }
    }
}
