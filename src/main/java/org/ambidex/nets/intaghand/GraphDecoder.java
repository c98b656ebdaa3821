package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import org.ambidex.nets.Intermediates;
import org.ambidex.nets.Linear;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;
import org.ambidex.tensor.Scalars;

/**
 * IntagHand's graph {@code decoder}. Per hand, the coarsest graph's nodes start as the global feature
 * ({@code gf_layer_*}: linear + layer norm, repeated over the nodes) beside a positional input (the vertex colours
 * {@code dense_coor}, mapped to [-1, 1], permuted by the hand's {@code graph_perm} and averaged over groups of
 * nodes); three {@link DualGraphLayer}s ({@code dual_gcn.layers}) refine them on the 8, 16 and 32 px feature maps,
 * each node duplicated between levels (1-D nearest up-sampling); then per hand the 252 nodes' coordinates
 * ({@code coord_head}), up-sampled linearly to 778 vertices ({@code unsample_layer}), and the orthographic camera
 * (scale, 2-D translation) from {@code params_head} of the node-averaged features ({@code avg_head}).
 */
public final class GraphDecoder extends TorchModule {

    private static final int[] IN = {512, 256, 128};
    private static final int[] OUT = {256, 128, 64};
    private static final int[] IMAGE = {8, 16, 32};
    private static final int[] GRID_DIM = {256, 128, 64};
    private static final int GRID = 8;
    private static final int HEADS = 4;
    private static final int BLOCKS = 4;

    private final Parameter denseCoor;
    private final DualGraphLayer[] layers = new DualGraphLayer[3];
    private final Sequential gfLeft;
    private final Sequential gfRight;
    private final Linear unsample;
    private final Linear coordHead;
    private final Linear avgHead;
    private final Linear paramsHead;
    private final NDArray positionsLeft;
    private final NDArray positionsRight;
    private final int nodes;

    /**
     * @param manager holds the constant graph tensors (Laplacians, permutations)
     * @param mapDim channels of the mid model's maps (256)
     */
    public GraphDecoder(NDManager manager, HandGraphs left, HandGraphs right, int mapDim) {
        denseCoor = parameter("dense_coor", Parameter.Type.OTHER, 0f, false, HandGraphs.VERTICES, 3);
        this.nodes = left.nodes()[0];
        for (int i = 0; i < 3; i++) {
            NDArray l = manager.create(left.laplacians()[i], new Shape(left.nodes()[i], left.nodes()[i]));
            NDArray r = manager.create(right.laplacians()[i], new Shape(right.nodes()[i], right.nodes()[i]));
            layers[i] = new DualGraphLayer(IN[i], OUT[i], l, r, BLOCKS, IMAGE[i], mapDim, GRID, GRID_DIM[i], HEADS);
        }
        TorchModule graph = new Sequential(layers);
        // nn.Module DualGraph whose only child is the ModuleList 'layers'
        child("dual_gcn", new Holder("layers", graph));
        gfLeft = child("gf_layer_left", new Sequential(new Linear(2048, IN[0] - 3), new LayerNorm(IN[0] - 3)));
        gfRight = child("gf_layer_right", new Sequential(new Linear(2048, IN[0] - 3), new LayerNorm(IN[0] - 3)));
        int out = left.nodes()[2];
        unsample = child("unsample_layer", new Linear(out, HandGraphs.VERTICES, false));
        coordHead = child("coord_head", new Linear(OUT[2], 3));
        avgHead = child("avg_head", new Linear(out, 1));
        paramsHead = child("params_head", new Linear(OUT[2], 3));
        positionsLeft = manager.create(Arrays.stream(left.perm()).asLongStream().toArray());
        positionsRight = manager.create(Arrays.stream(right.perm()).asLongStream().toArray());
    }

    /**
     * @param mid {@link MidModel#apply}'s global feature and three maps
     * @param coarse whether to give each hand's node coordinates too
     * @return per hand, left first: vertices {@code (B, 778, 3)}, camera {@code (B, 3)} = scale, translation x, y,
     *     and with {@code coarse} the coordinates of the last level's nodes {@code (B, 252, 3)}
     */
    NDList apply(ParameterStore store, NDList mid, boolean training, boolean coarse) {
        NDArray global = mid.get(0);
        NDArray colours = Scalars.mul(store.getValue(denseCoor, global.getDevice(), training), 2).sub(1);
        NDArray left = start(store, gfLeft, global, colours, positionsLeft, training);
        NDArray right = start(store, gfRight, global, colours, positionsRight, training);
        for (int i = 0; i < 3; i++) {
            int level = i;
            NDList in = new NDList(left, right, mid.get(1 + i));
            NDList lr = Intermediates.step(training, in, () -> {
                NDList out = layers[level].apply(store, in.get(0), in.get(1), in.get(2), training);
                return level < 2 ? new NDList(duplicateNodes(out.get(0)), duplicateNodes(out.get(1))) : out;
            });
            left = lr.get(0);
            right = lr.get(1);
        }
        NDList out = new NDList();
        for (NDArray x : new NDArray[] {left, right}) {
            NDArray nodes = Attention.linear(coordHead, store, x, training);
            out.add(Attention.linear(unsample, store, nodes.transpose(0, 2, 1), training).transpose(0, 2, 1));
            out.add(camera(store, x, training));
            if (coarse) {
                out.add(nodes);
            }
        }
        return out;
    }

    private NDArray start(ParameterStore store, Sequential gf, NDArray global, NDArray colours, NDArray perm,
                          boolean training) {
        long b = global.getShape().get(0);
        NDArray g = gf.forward(store, new NDList(global), training).singletonOrThrow();
        long dim = g.getShape().get(1);
        g = g.expandDims(1).broadcast(new Shape(b, nodes, dim));
        long finest = perm.getShape().get(0);
        NDArray pe = colours.get(perm).reshape(nodes, finest / nodes, 3).mean(new int[] {1});
        pe = pe.expandDims(0).broadcast(new Shape(b, nodes, 3));
        return g.concat(pe, 2);
    }

    /** {@code nn.Upsample(scale_factor=2)} along the nodes: node {@code i} becomes nodes {@code 2i, 2i + 1}. */
    private static NDArray duplicateNodes(NDArray x) {
        Shape s = x.getShape();
        return x.expandDims(2).broadcast(new Shape(s.get(0), s.get(1), 2, s.get(2))).reshape(s.get(0), 2 * s.get(1),
            s.get(2));
    }

    private NDArray camera(ParameterStore store, NDArray x, boolean training) {
        NDArray pooled = Attention.linear(avgHead, store, x.transpose(0, 2, 1), training).squeeze(2);
        return Attention.linear(paramsHead, store, pooled, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return apply(store, inputs, training, false);
    }

    /** A module whose only child is {@code name} (a parameter-free wrapper such as {@code DualGraph}). */
    static final class Holder extends TorchModule {
        private final TorchModule inner;

        Holder(String name, TorchModule inner) {
            this.inner = child(name, inner);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            return inner.forward(store, inputs, training, params);
        }
    }
}
