package org.ambidex.io.pickle;

/**
 * A malformed or refused pickle, raised inside the reader; {@link Unpickler} turns it into a
 * {@link org.ambidex.core.BadInputException} naming the file and the byte position.
 */
final class PickleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PickleException(String message) {
        super(message);
    }
}
