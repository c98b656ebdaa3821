package org.ambidex.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a whole input file into memory, refusing it in one line when it is missing, unreadable or too large. */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * The bytes of {@code path}, which must hold at most {@code maxBytes}; {@code what} names what the file should
     * be in messages ("an image", "a PLY mesh").
     */
    public static byte[] readBounded(Path path, long maxBytes, String what) {
        try {
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new BadInputException(path, "file is " + size + " bytes; expected " + what + " under " + maxBytes
                    + " bytes");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new BadInputException(path, "file not found; expected " + what, e);
        } catch (IOException e) {
            throw new BadInputException(path, "cannot read (" + e.getMessage() + "); expected " + what, e);
        }
    }
}
