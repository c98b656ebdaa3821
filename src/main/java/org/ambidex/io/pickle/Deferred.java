package org.ambidex.io.pickle;

/**
 * A value that can only be finished after the whole pickle is read, such as a tensor whose storage bytes
 * follow the pickle in a legacy checkpoint. {@link Unpickler#resolveDeferred(Object)} replaces it.
 */
interface Deferred {
    Object resolve();
}
