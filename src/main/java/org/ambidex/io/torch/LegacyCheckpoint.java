package org.ambidex.io.torch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;
import org.ambidex.io.pickle.LegacyTorchContainer;
import org.ambidex.io.pickle.PickleSource;

/**
 * A checkpoint in the legacy container, in a file or in memory ({@link LegacyTorchContainer} describes the
 * layout).
 */
final class LegacyCheckpoint {

    private LegacyCheckpoint() {
    }

    static Object read(Path file) {
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return LegacyTorchContainer.read(PickleSource.of(stream, Files.size(file)), file);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /** The checkpoint in {@code bytes}; {@code source} names it in messages. */
    static Object read(byte[] bytes, Path source) {
        return LegacyTorchContainer.read(PickleSource.of(bytes), source);
    }
}
