package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.TorchModule;

/**
 * SemGCN's {@code PGraphConv} on the 21-joint hand skeleton: each joint has its own weights, {@code W (2, 21,
 * in, out)} (slice 0 for the joint itself, slice 1 for its neighbours); the neighbours are mixed by a learned
 * adjacency, {@code e_1 (1, 40)} logits on the skeleton's 40 directed edges (row-major order of the adjacency)
 * with every other entry at -9e15, soft-maxed per row; {@code e_0 (1, 21)} does the same on the diagonal alone
 * (a one-entry softmax: the identity). Input (B, 21, in), output (B, 21, out) plus {@code bias (out)}.
 */
final class PGraphConv extends TorchModule {

    static final int JOINTS = 21;
    /** The skeleton's bones (parent, child) in OpenPose order. */
    static final int[][] BONES = {
        {0, 1}, {1, 2}, {2, 3}, {3, 4}, {0, 5}, {5, 6}, {6, 7}, {7, 8}, {0, 9}, {9, 10}, {10, 11}, {11, 12},
        {0, 13}, {13, 14}, {14, 15}, {15, 16}, {0, 17}, {17, 18}, {18, 19}, {19, 20}};
    private static final float MASKED = -9e15f;

    private final Parameter w;
    private final Parameter e0;
    private final Parameter e1;
    private final Parameter bias;
    private final int[] self = diagonal();
    private final int[] neighbours = neighbourCells();

    PGraphConv(int in, int out) {
        w = parameter("W", Parameter.Type.WEIGHT, 0f, true, 2, JOINTS, in, out);
        e0 = parameter("e_0", Parameter.Type.WEIGHT, 1f, true, 1, self.length);
        e1 = parameter("e_1", Parameter.Type.WEIGHT, 1f, true, 1, neighbours.length);
        bias = parameter("bias", Parameter.Type.BIAS, 0f, true, out);
    }

    private static int[] diagonal() {
        int[] d = new int[JOINTS];
        for (int i = 0; i < JOINTS; i++) {
            d[i] = i * JOINTS + i;
        }
        return d;
    }

    /** Flat indices of the adjacency's nonzero entries, row-major (as a boolean mask selects them). */
    private static int[] neighbourCells() {
        boolean[] m = new boolean[JOINTS * JOINTS];
        for (int[] bone : BONES) {
            m[bone[0] * JOINTS + bone[1]] = true;
            m[bone[1] * JOINTS + bone[0]] = true;
        }
        return java.util.stream.IntStream.range(0, m.length).filter(i -> m[i]).toArray();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow().expandDims(2);                          // (B,21,1,in)
        NDArray weights = store.getValue(w, x.getDevice(), training);
        NDArray h0 = x.matMul(weights.get(0)).squeeze(2);
        NDArray h1 = x.matMul(weights.get(1)).squeeze(2);
        NDManager m = x.getManager();
        NDArray a0 = adjacency(m, store.getValue(e0, x.getDevice(), training), self);
        NDArray a1 = adjacency(m, store.getValue(e1, x.getDevice(), training), neighbours);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return new NDList(a0.matMul(h0).add(a1.matMul(h1)).add(b.reshape(1, 1, -1)));
    }

    /**
     * The row-softmax of a 21 x 21 matrix holding {@code logits} at {@code cells} and -9e15 elsewhere. The matrix
     * is a 0/1 scatter matrix times the logits plus the masked constant, which reproduces the reference's
     * assignment exactly (each entry is one logit plus zeros, or zeros plus -9e15) and keeps the logits'
     * gradients.
     */
    private static NDArray adjacency(NDManager m, NDArray logits, int[] cells) {
        float[] scatter = new float[JOINTS * JOINTS * cells.length];
        float[] rest = new float[JOINTS * JOINTS];
        java.util.Arrays.fill(rest, MASKED);
        for (int k = 0; k < cells.length; k++) {
            scatter[cells[k] * cells.length + k] = 1;
            rest[cells[k]] = 0;
        }
        NDArray s = m.create(scatter, new Shape(JOINTS * JOINTS, cells.length));
        NDArray matrix = s.matMul(logits.reshape(cells.length, 1)).reshape(JOINTS, JOINTS)
            .add(m.create(rest, new Shape(JOINTS, JOINTS)));
        return matrix.softmax(1);
    }
}
