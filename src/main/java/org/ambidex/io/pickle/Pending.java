package org.ambidex.io.pickle;

/**
 * An object under construction: made by a reduce or {@code NEWOBJ} and finished by the {@code BUILD}
 * opcode that gives it its state. Once built, the finished Java value replaces it everywhere it is
 * referenced from (stack and memo).
 */
abstract class Pending {
    private Object result;
    private boolean built;

    /** The finished value for the given state. */
    protected abstract Object build(Object state);

    /** What this object is, for messages ({@code numpy.ndarray}). */
    protected abstract String describe();

    final Object buildOnce(Object state) {
        if (built) {
            throw new PickleException("BUILD applied twice to a " + describe());
        }
        result = build(state);
        built = true;
        return result;
    }

    final boolean isBuilt() {
        return built;
    }

    final Object result() {
        return result;
    }
}
