package org.ambidex.io.tflite;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

/**
 * How a sparse constant stores its values (TFLite's {@code SparsityParameters}): the tensor's {@code n} axes, plus
 * {@code k} block axes when it is block-sparse, are walked as {@code n + k} levels in {@link #traversalOrder()}
 * (entries below {@code n} are the tensor's axes counted in blocks, entry {@code n + j} is the position inside the
 * block of axis {@code blockMap[j]}). A dense level has {@code denseSize} children per parent; a compressed
 * (SPARSE_CSR) level lists each parent's children as {@code indices[segments[p] .. segments[p + 1])}. The stored
 * values are the leaves, in walk order; every other element is zero.
 *
 * <p>Immutable. {@link #positions} checks everything a file could get wrong, so a model keeps only sparsity that
 * densifies.
 */
public final class TfliteSparsity {

    /**
     * One level of the walk.
     *
     * @param compressed whether it is SPARSE_CSR (else DENSE)
     * @param denseSize  the number of children per parent of a dense level (the block size of a block axis)
     * @param segments   a compressed level's {@code parents + 1} offsets into {@code indices}; empty for a dense one
     * @param indices    a compressed level's child positions; empty for a dense one
     */
    record Level(boolean compressed, int denseSize, int[] segments, int[] indices) {
    }

    private final int[] traversalOrder;
    private final int[] blockMap;
    private final List<Level> levels;

    TfliteSparsity(int[] traversalOrder, int[] blockMap, List<Level> levels) {
        this.traversalOrder = traversalOrder.clone();
        this.blockMap = blockMap.clone();
        this.levels = List.copyOf(levels);
    }

    /** The axis each level walks (tensor axes first counted in blocks, then block axes {@code n + j}). */
    public int[] traversalOrder() {
        return traversalOrder.clone();
    }

    /** For each block axis {@code j}, the tensor axis it divides into blocks; empty when not block-sparse. */
    public int[] blockMap() {
        return blockMap.clone();
    }

    /** Whether level {@code i} of the walk is compressed (SPARSE_CSR). */
    public boolean compressed(int level) {
        return levels.get(level).compressed();
    }

    /** The block sizes, one per block axis ({@code blockMap()[j]} is the axis block {@code j} divides). */
    public int[] blockSizes() {
        int n = traversalOrder.length - blockMap.length;
        int[] sizes = new int[blockMap.length];
        for (int l = 0; l < traversalOrder.length; l++) {
            if (traversalOrder[l] >= n) {
                sizes[traversalOrder[l] - n] = levels.get(l).denseSize();
            }
        }
        return sizes;
    }

    /**
     * Where each stored value goes in the dense tensor: C-order element indices, in storage order. Checks that the
     * sparsity describes {@code shape} (a permutation walking every axis, block sizes dividing their axes, dense
     * sizes matching, segments starting at 0, non-decreasing and ending at the indices' length, indices inside
     * their level, no element twice) and that it stores exactly {@code stored} values.
     *
     * @param bad turns what is wrong into the exception to throw
     */
    int[] positions(int[] shape, long stored, Function<String, RuntimeException> bad) {
        int n = shape.length;
        int k = blockMap.length;
        int depth = n + k;
        if (traversalOrder.length != depth || levels.size() != depth) {
            throw bad.apply("has a traversal order of " + traversalOrder.length + " and " + levels.size()
                + " dimension metadata for " + n + " axes and " + k + " block axes; expected " + depth + " of each");
        }
        int[] sorted = traversalOrder.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < depth; i++) {
            if (sorted[i] != i) {
                throw bad.apply("has traversal order " + Arrays.toString(traversalOrder) + "; expected a permutation"
                    + " of 0.." + (depth - 1));
            }
        }
        int[] block = new int[n];
        Arrays.fill(block, 1);
        for (int l = 0; l < depth; l++) {
            int axis = traversalOrder[l];
            if (axis >= n) {
                int j = axis - n;
                int size = levels.get(l).denseSize();
                int of = blockMap[j];
                if (of < 0 || of >= n || block[of] != 1 || size < 1 || shape[of] % size != 0) {
                    throw bad.apply("has block " + j + " of size " + size + " on axis " + of + "; expected one"
                        + " positive block size per axis dividing it, shape " + Arrays.toString(shape));
                }
                block[of] = size;
            }
        }
        long[] stride = new long[n];
        long count = 1;
        for (int a = n - 1; a >= 0; a--) {
            stride[a] = count;
            count *= shape[a];
        }
        // Each node of a level carries the dense offset of its position so far: the levels' contributions add up.
        int[] offsets = {0};
        for (int l = 0; l < depth; l++) {
            int axis = traversalOrder[l];
            int size = axis < n ? shape[axis] / block[axis] : levels.get(l).denseSize();
            long step = axis < n ? block[axis] * stride[axis] : stride[blockMap[axis - n]];
            Level level = levels.get(l);
            String where = "level " + l + " (axis " + axis + ")";
            int[] next;
            if (!level.compressed()) {
                if (level.denseSize() != size) {
                    throw bad.apply("has dense size " + level.denseSize() + " at " + where + "; expected " + size);
                }
                if ((long) offsets.length * size > count) {
                    throw bad.apply("walks more than the " + count + " elements of its shape at " + where);
                }
                next = new int[offsets.length * size];
                for (int p = 0; p < offsets.length; p++) {
                    for (int i = 0; i < size; i++) {
                        next[p * size + i] = (int) (offsets[p] + i * step);
                    }
                }
            } else {
                int[] seg = level.segments();
                int[] idx = level.indices();
                if (seg.length != offsets.length + 1 || seg[0] != 0 || seg[seg.length - 1] != idx.length) {
                    throw bad.apply("has " + seg.length + " segments from " + (seg.length == 0 ? "-" : seg[0])
                        + " to " + (seg.length == 0 ? "-" : seg[seg.length - 1]) + " at " + where + "; expected "
                        + (offsets.length + 1) + " from 0 to " + idx.length + " (its indices)");
                }
                next = new int[idx.length];
                for (int p = 0; p < offsets.length; p++) {
                    if (seg[p + 1] < seg[p] || seg[p + 1] > idx.length) {
                        throw bad.apply("has decreasing segments " + seg[p] + ", " + seg[p + 1] + " at " + where);
                    }
                    for (int i = seg[p]; i < seg[p + 1]; i++) {
                        if (idx[i] < 0 || idx[i] >= size) {
                            throw bad.apply("has index " + idx[i] + " at " + where + "; expected 0.." + (size - 1));
                        }
                        next[i] = (int) (offsets[p] + idx[i] * step);
                    }
                }
            }
            offsets = next;
        }
        if (offsets.length != stored) {
            throw bad.apply("describes " + offsets.length + " stored values; its buffer holds " + stored);
        }
        BitSet seen = new BitSet((int) count);
        for (int o : offsets) {
            if (seen.get(o)) {
                throw bad.apply("stores element " + o + " twice");
            }
            seen.set(o);
        }
        return offsets;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("traversal " + Arrays.toString(traversalOrder));
        if (blockMap.length > 0) {
            s.append(", blocks ").append(Arrays.toString(blockSizes())).append(" on axes ")
                .append(Arrays.toString(blockMap));
        }
        s.append(", levels ");
        for (int l = 0; l < levels.size(); l++) {
            s.append(l == 0 ? "" : " ").append(levels.get(l).compressed() ? "CSR" : "D");
        }
        return s.toString();
    }
}
