package org.ambidex.io.pickle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;

/**
 * Reads Python pickles (protocols 0 to 5) safely: only allow-listed globals are constructed (numpy arrays
 * and scalars, scipy sparse matrices, chumpy {@code Ch}/{@code Select}, {@code OrderedDict}, sets, complex,
 * bytes, torch tensor rebuilds); any other global, such as {@code os.system}, is refused by name before
 * anything is built. See {@link Unpickler} for how Python values map to Java values.
 *
 * <p>Every problem (a refused global, a truncated or malformed file, an absurd declared size) is a
 * {@link BadInputException} naming the file.
 */
public final class PickleReader {

    private PickleReader() {
    }

    /** The value pickled in {@code file}; numpy object arrays are refused. */
    public static Object read(Path file) {
        return read(file, false);
    }

    /** The value pickled in {@code file}; numpy object arrays are read as {@link ObjectArray} when allowed. */
    public static Object read(Path file, boolean allowObjectArrays) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such file", e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the file (" + e.getMessage() + ")", e);
        }
        if (size == 0) {
            throw new BadInputException(file, "the file is empty, expected a Python pickle");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return load(PickleSource.of(in, size), file, allowObjectArrays);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    /** The value pickled in {@code bytes}; {@code name} names the input in error messages. */
    public static Object read(byte[] bytes, String name) {
        return load(PickleSource.of(bytes), Path.of(safeName(name)), false);
    }

    /**
     * The value pickled at the start of {@code in}, which holds at most {@code length} bytes (-1 when
     * unknown); {@code name} names the input in error messages.
     */
    public static Object read(InputStream in, long length, String name) {
        return load(PickleSource.of(in, length), Path.of(safeName(name)), false);
    }

    private static Object load(PickleSource source, Path file, boolean allowObjectArrays) {
        Unpickler unpickler = new Unpickler(source, file, null, null, allowObjectArrays);
        // Bytes after STOP are ignored, as Python's pickle.load ignores them.
        return unpickler.load();
    }

    private static String safeName(String name) {
        return name == null || name.isBlank() ? "<pickle>" : name.replace('\0', '?');
    }
}
