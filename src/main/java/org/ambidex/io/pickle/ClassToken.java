package org.ambidex.io.pickle;

import java.util.List;
import java.util.function.Function;

/**
 * An allow-listed class. It may be passed as an argument ({@code numpy.ndarray} to {@code _reconstruct}),
 * and, when it has a factory, instantiated by {@code NEWOBJ} (or called by {@code REDUCE}) to make a
 * {@link Pending} object or a plain value.
 */
record ClassToken(String module, String name, Function<List<Object>, Object> factory) implements PyGlobal {

    ClassToken(String module, String name) {
        this(module, name, null);
    }

    @Override
    public String qualifiedName() {
        return module + "." + name;
    }

    @Override
    public Object newInstance(List<Object> args) {
        if (factory == null) {
            return PyGlobal.super.newInstance(args);
        }
        return factory.apply(args);
    }

    @Override
    public Object call(List<Object> args) {
        return newInstance(args);
    }
}
