package org.ambidex.nets.intaghand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.ambidex.io.pickle.PickleReader;
import org.ambidex.io.pickle.SparseMatrix;

/**
 * What IntagHand's graph decoder takes from one hand's {@code graph_left.pkl} / {@code graph_right.pkl}: the
 * Laplacians of the coarsest three levels of {@code coarsen_graphs_L} (the reference reverses the list and uses
 * entries 0-2: 63, 126 and 252 nodes for the published files), as dense float32 row-major matrices, and
 * {@code graph_perm}, which maps each node of the finest level to a MANO vertex (the positional input is the
 * vertex colours permuted by it, then averaged over groups of {@code finest / coarsest} nodes).
 *
 * @param laplacians coarsest first, {@code laplacians[i]} of {@code nodes[i]^2} values
 * @param nodes node counts of the three levels, each twice the previous
 * @param perm finest-level node to vertex index, {@code 0 <= perm[i] < 778}
 * @param finest node count of the finest level ({@code perm.length})
 */
public record HandGraphs(float[][] laplacians, int[] nodes, int[] perm, int finest) {

    /** MANO's vertex count, which {@code graph_perm} indexes. */
    public static final int VERTICES = 778;

    /** Reads one hand's graph pickle (safely: no code runs), refusing a file whose shapes do not fit. */
    public static HandGraphs read(Path file) {
        Object value = PickleReader.read(file);
        if (!(value instanceof Map<?, ?> dict)) {
            throw new BadInputException(file, "is not an IntagHand graph file: expected a dictionary, found "
                + typeName(value));
        }
        if (!(dict.get("coarsen_graphs_L") instanceof List<?> levels)) {
            throw new BadInputException(file, "is not an IntagHand graph file: no list 'coarsen_graphs_L'");
        }
        if (levels.size() < 3) {
            throw new BadInputException(file, "has " + levels.size() + " Laplacians in 'coarsen_graphs_L', expected"
                + " at least 3 (the published files have 5)");
        }
        float[][] laplacians = new float[3][];
        int[] nodes = new int[3];
        for (int i = 0; i < 3; i++) {
            // the reference reverses the list: its entry i is the (size - 1 - i)-th
            Object level = levels.get(levels.size() - 1 - i);
            if (!(level instanceof SparseMatrix m) || m.rowCount() != m.colCount()) {
                throw new BadInputException(file, "coarsen_graphs_L[" + (levels.size() - 1 - i) + "] is "
                    + typeName(level) + ", expected a square scipy sparse matrix");
            }
            nodes[i] = m.rowCount();
            float[] dense = m.toDense().toFloatArray();
            laplacians[i] = dense;
        }
        if (nodes[1] != 2 * nodes[0] || nodes[2] != 2 * nodes[1]) {
            throw new BadInputException(file, "has Laplacians of " + nodes[0] + ", " + nodes[1] + " and " + nodes[2]
                + " nodes for the three graph levels, expected each twice the previous (63, 126, 252)");
        }
        int[] perm = perm(file, dict.get("graph_perm"));
        int finest = perm.length;
        if (finest % nodes[0] != 0 || finest < nodes[2]) {
            throw new BadInputException(file, "has a 'graph_perm' of " + finest + " nodes, expected a multiple of "
                + nodes[0] + " and at least " + nodes[2]);
        }
        return new HandGraphs(laplacians, nodes, perm, finest);
    }

    private static int[] perm(Path file, Object value) {
        List<Object> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            items.addAll(list);
        } else if (value instanceof NdArray a && a.ndim() == 1) {
            for (long v : a.toLongArray()) {
                items.add(v);
            }
        } else {
            throw new BadInputException(file, "has no 'graph_perm' list (found " + typeName(value) + ")");
        }
        int[] perm = new int[items.size()];
        for (int i = 0; i < perm.length; i++) {
            if (!(items.get(i) instanceof Number n) || n.longValue() < 0 || n.longValue() >= VERTICES) {
                throw new BadInputException(file, "graph_perm[" + i + "] is " + items.get(i)
                    + ", expected a vertex index in 0.." + (VERTICES - 1));
            }
            perm[i] = n.intValue();
        }
        return perm;
    }

    private static String typeName(Object o) {
        return o == null ? "nothing" : o.getClass().getSimpleName();
    }
}
