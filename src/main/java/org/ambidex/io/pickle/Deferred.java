package org.ambidex.io.pickle;

/**
 * A value that can only be finished after the whole pickle is read, such as a tensor whose storage bytes
 * follow the pickle in a legacy checkpoint. {@link Unpickler#resolveDeferred(Object, CopyBudget)} replaces it.
 */
interface Deferred {
    /** The finished value; copies of data are charged to {@code budget}. */
    Object resolve(CopyBudget budget);
}
