package org.ambidex.io.numpy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.ambidex.io.pickle.ObjectArray;

/**
 * NumPy {@code .npy} files: one array, numeric or bool, C or Fortran order, either byte order (read into
 * the little-endian {@link NdArray}). Text arrays ({@code U}, {@code S}) are read by {@link #readAny}; object
 * arrays (which hold a pickle) only when explicitly allowed, and then through the safe pickle reader.
 */
public final class Npy {

    private Npy() {
    }

    /** The numeric array in {@code file}; a text or object array is refused. */
    public static NdArray read(Path file) {
        Object value = readAny(file, false);
        if (value instanceof NdArray a) {
            return a;
        }
        throw new BadInputException(file, "holds a text array, expected a numeric array");
    }

    /**
     * The array in {@code file}: an {@link NdArray}, a {@link TextArray}, or (only when
     * {@code allowObjectArrays}) an {@link ObjectArray}.
     */
    public static Object readAny(Path file, boolean allowObjectArrays) {
        long size = sizeOf(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return NpyFormat.read(in, size, file, null, allowObjectArrays);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    /** Writes {@code array} to {@code file} (atomically), in its memory order. bfloat16 has no NumPy type. */
    public static void write(Path file, NdArray array) {
        AtomicOutput.write(file, out -> NpyFormat.write(out, array));
    }

    /** Writes {@code array} in {@code .npy} format to {@code out}. */
    public static void write(OutputStream out, NdArray array) throws IOException {
        NpyFormat.write(out, array);
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such file", e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the file (" + e.getMessage() + ")", e);
        }
    }
}
