package org.ambidex.io.tflite;

import java.nio.file.Path;
import org.ambidex.core.BadInputException;

/** Turns what is wrong with one model file into the one-line {@link BadInputException} naming that file. */
final class Refusal {

    private final Path file;
    private final String name;

    private Refusal(Path file, String name) {
        this.file = file;
        this.name = name;
    }

    static Refusal of(Path file) {
        return new Refusal(file, file.toString());
    }

    static Refusal of(String sourceName) {
        return new Refusal(null, sourceName);
    }

    /** The exception for {@code message} (what is wrong and what was expected). */
    BadInputException because(String message) {
        return file != null ? new BadInputException(file, message) : new BadInputException(name + ": " + message);
    }

    String name() {
        return name;
    }
}
