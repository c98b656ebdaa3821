package org.ambidex.io.tflite;

import java.util.List;

/**
 * One tensor of the model's subgraph.
 *
 * @param index    its index in the subgraph (what operators refer to)
 * @param name     its name in the file
 * @param shape    its shape as in the file: NHWC for images, batch 1 for activations
 * @param dtype    its element type
 * @param buffer   the index of its buffer in the model (0, the empty buffer, for activations)
 * @param constant whether its buffer holds data (weights, shapes, axes) rather than being computed
 * @param sparsity how a sparse constant stores its non-zero values ({@code null} for a dense tensor); the reader
 *                 densifies it ({@link TfliteModel#floats}), so its values read as any constant's
 */
public record TfliteTensor(int index, String name, List<Integer> shape, TfliteDType dtype, int buffer,
                           boolean constant, TfliteSparsity sparsity) {

    /** A dense tensor. */
    public TfliteTensor(int index, String name, List<Integer> shape, TfliteDType dtype, int buffer,
                        boolean constant) {
        this(index, name, shape, dtype, buffer, constant, null);
    }

    public TfliteTensor {
        shape = List.copyOf(shape);
    }

    /** Whether it is a sparse constant. */
    public boolean sparse() {
        return sparsity != null;
    }

    /** The number of axes. */
    public int rank() {
        return shape.size();
    }

    /** The length of axis {@code axis}. */
    public int dim(int axis) {
        return shape.get(axis);
    }

    /** The number of elements (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as an array. */
    public int[] shapeArray() {
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }

    /** "index 'name'", as messages name a tensor. */
    public String label() {
        return index + " '" + name + "'";
    }
}
