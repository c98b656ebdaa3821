package org.ambidex.io.pickle;

import java.util.List;

/**
 * A NumPy array of Python objects ({@code dtype=object}) read from a pickle: its shape and its elements in
 * C order, each element a value the safe reader built (never code).
 */
public record ObjectArray(int[] shape, List<Object> elements) {
    public ObjectArray {
        shape = shape.clone();
        elements = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(elements));
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return "ObjectArray(" + java.util.Arrays.toString(shape) + ")";
    }
}
