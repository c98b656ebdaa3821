package org.ambidex.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Bad input from the user: a missing or corrupt file, a wrong shape, an unknown format, NaN parameters.
 *
 * <p>The message is one line that names the file (when there is one), says what was wrong and what was
 * expected. Commands turn it into exit status {@link ExitStatus#BAD_INPUT} and print only that line
 * (the stack trace only under {@code --debug}).
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** Bad input not tied to one file (an option value, a parameter list). */
    public BadInputException(String message) {
        this(null, message, null);
    }

    /** Bad input found in {@code file}; {@code message} says what was wrong and what was expected. */
    public BadInputException(Path file, String message) {
        this(file, message, null);
    }

    /** As {@link #BadInputException(Path, String)}, keeping the low-level cause for {@code --debug}. */
    public BadInputException(Path file, String message, Throwable cause) {
        super(oneLine(file, Objects.requireNonNull(message, "message")), cause);
        this.file = file;
    }

    /** The file at fault, or {@code null} when the input was not a file. */
    public Path file() {
        return file;
    }

    private static String oneLine(Path file, String message) {
        String text = message.replace('\n', ' ').replace('\r', ' ').strip();
        return file == null ? text : file + ": " + text;
    }
}
