package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Intermediates;
import org.ambidex.nets.TorchModule;

/**
 * One level of IntagHand's {@code DualGraph} ({@code DualGraphLayer}): both hands' nodes {@code (B, V, in)} plus a
 * shared position table, each hand's graph convolutions ({@code graph_left/right.GCN_blocks}, ReLU between blocks),
 * each hand's image attention on the level's feature map, then the inter-hand attention; out {@code (B, V, out)}.
 */
public final class DualGraphLayer extends TorchModule {

    private final PositionTable positions;
    private final GraphLayer graphLeft;
    private final GraphLayer graphRight;
    private final ImageAttention imageLeft;
    private final ImageAttention imageRight;
    private final InterAttn attn;

    /**
     * @param leftL the left hand's dense Laplacian {@code (V, V)} at this level
     * @param rightL the right hand's
     */
    public DualGraphLayer(int in, int out, NDArray leftL, NDArray rightL, int blocks, int imageSize, int imageDim,
                          int grid, int gridDim, int heads) {
        int nodes = Math.toIntExact(leftL.getShape().get(0));
        positions = child("position_embeddings", new PositionTable(nodes, in));
        graphLeft = child("graph_left", new GraphLayer(in, out, leftL, blocks));
        graphRight = child("graph_right", new GraphLayer(in, out, rightL, blocks));
        imageLeft = child("img_ex_left", new ImageAttention(imageSize, imageDim, grid, gridDim, out, heads));
        imageRight = child("img_ex_right", new ImageAttention(imageSize, imageDim, grid, gridDim, out, heads));
        attn = child("attn", new InterAttn(out, heads));
    }

    NDList apply(ParameterStore store, NDArray left, NDArray right, NDArray image, boolean training) {
        NDArray l = Intermediates.step(training, left,
            () -> graphLeft.apply(store, positions.addTo(store, left, training), training));
        NDArray r = Intermediates.step(training, right,
            () -> graphRight.apply(store, positions.addTo(store, right, training), training));
        NDArray li = Intermediates.step(training, l, () -> imageLeft.apply(store, image, l, training));
        NDArray ri = Intermediates.step(training, r, () -> imageRight.apply(store, image, r, training));
        NDList in = new NDList(li, ri);
        return Intermediates.step(training, in, () -> attn.apply(store, li, ri, training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return apply(store, inputs.get(0), inputs.get(1), inputs.get(2), training);
    }
}
