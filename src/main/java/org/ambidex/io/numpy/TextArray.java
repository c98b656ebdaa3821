package org.ambidex.io.numpy;

import java.util.Arrays;
import java.util.List;

/**
 * A NumPy array of strings (dtype {@code U} or {@code S}, such as MANO's {@code bs_style}), elements in C
 * order. Byte strings ({@code S}) are decoded as Latin-1.
 */
public record TextArray(int[] shape, List<String> elements) {
    public TextArray {
        shape = shape.clone();
        elements = List.copyOf(elements);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The single element of a 0-d or one-element array. */
    public String scalar() {
        if (elements.size() != 1) {
            throw new IllegalStateException("text array of " + elements.size() + " elements is not a scalar");
        }
        return elements.get(0);
    }

    @Override
    public String toString() {
        return "TextArray(" + Arrays.toString(shape) + ")";
    }
}
