package org.ambidex.io.pickle;

import java.util.List;

/**
 * An allow-listed Python global (a function or a class) as the reader models it. Calling it never runs
 * code: it builds a Java value from plain arguments.
 */
interface PyGlobal {

    /** {@code module.name}, for messages. */
    String qualifiedName();

    /** The result of calling the global with {@code args} (the {@code REDUCE} opcode). */
    default Object call(List<Object> args) {
        throw new PickleException(qualifiedName() + " cannot be called in a pickle ambidex reads");
    }

    /** A new instance of the class before its state is set ({@code NEWOBJ}, {@code cls.__new__(cls, *args)}). */
    default Object newInstance(List<Object> args) {
        throw new PickleException(qualifiedName() + " cannot be instantiated in a pickle ambidex reads");
    }
}
