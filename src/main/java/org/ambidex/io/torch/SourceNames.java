package org.ambidex.io.torch;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The name of a checkpoint read from memory (a class-path resource, a download) as the {@link Path} that
 * {@link org.ambidex.core.BadInputException} names its input by, so messages about it read as they do for a file.
 */
final class SourceNames {

    private SourceNames() {
    }

    static Path of(String name) {
        String text = name == null || name.isBlank() ? "<checkpoint>" : name.replace('\0', '?');
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            // Some file systems refuse characters a name may hold (':' and '<' on Windows): keep the name readable.
            return Path.of(text.replaceAll("[^A-Za-z0-9._/ -]", "_"));
        }
    }
}
