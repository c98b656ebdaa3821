package org.ambidex.io.pickle;

import java.util.List;
import java.util.function.Function;

/** An allow-listed function: calling it builds a value from its arguments. */
record Simple(String module, String name, Function<List<Object>, Object> function) implements PyGlobal {
    @Override
    public String qualifiedName() {
        return module + "." + name;
    }

    @Override
    public Object call(List<Object> args) {
        return function.apply(args);
    }
}
