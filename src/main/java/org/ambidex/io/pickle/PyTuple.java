package org.ambidex.io.pickle;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A Python tuple: an unmodifiable list. The reader may still replace a not-yet-resolved element
 * (a tensor whose storage is read after the pickle) through {@link #patch}.
 */
final class PyTuple extends AbstractList<Object> implements RandomAccess {
    static final PyTuple EMPTY = new PyTuple(new Object[0]);

    private final Object[] items;

    PyTuple(Object[] items) {
        this.items = items;
    }

    static PyTuple of(Object... items) {
        return new PyTuple(items);
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    void patch(int index, Object value) {
        items[index] = value;
    }
}
