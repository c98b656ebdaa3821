package org.ambidex.io.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;

/**
 * Reads PyTorch {@code torch.save} files without Python: the zip container (PyTorch 1.6 and later) and the
 * legacy container (before 1.6). Storages saved on a GPU ({@code cuda:N}) load on the CPU. Nothing in the
 * file is executed: the pickle inside goes through the allow-listed reader. A checkpoint already in memory (a
 * class-path resource) is read from its bytes with the same checks and messages, without a temporary file.
 */
public final class Checkpoints {

    /** Bytes enough to tell the containers apart (a tar header's magic sits at 257). */
    private static final int HEAD = 512;

    private Checkpoints() {
    }

    /** Which container a checkpoint uses. */
    public enum Container {
        /** A zip archive holding {@code <folder>/data.pkl} and one file per storage (PyTorch 1.6 and later). */
        ZIP,
        /** Consecutive pickles followed by the raw storages (before PyTorch 1.6). */
        LEGACY
    }

    /**
     * The checkpoint in {@code file}. When it holds a dictionary, its tensors and other entries; when it
     * holds a single tensor, one entry named {@code tensor}.
     */
    public static StateDict read(Path file) {
        return stateDict(readObject(file), file, map -> StateDict.of(file, map));
    }

    /**
     * The checkpoint held in {@code bytes} (a class-path resource read whole, say), exactly as {@link #read(Path)}
     * reads the same bytes from a file: same entries, same checks, and the same messages with {@code name} in
     * place of the file. {@link StateDict#file()} is empty.
     *
     * @param name names the checkpoint in messages (a resource name, a URL)
     */
    public static StateDict read(byte[] bytes, String name) {
        return stateDict(readObject(bytes, name), SourceNames.of(name), map -> StateDict.inMemory(name, map));
    }

    private static StateDict stateDict(Object value, Path source, Function<Map<?, ?>, StateDict> of) {
        if (value instanceof Map<?, ?> map) {
            return of.apply(map);
        }
        if (value instanceof NdArray tensor) {
            return of.apply(Map.of("tensor", tensor));
        }
        throw new BadInputException(source, "holds " + describe(value) + ", expected a dictionary of tensors");
    }

    /** The object saved in {@code file}, as the safe pickle reader maps it (tensors as {@link NdArray}). */
    public static Object readObject(Path file) {
        return switch (container(file)) {
            case ZIP -> ZipCheckpoint.read(file);
            case LEGACY -> LegacyCheckpoint.read(file);
        };
    }

    /** The object saved in {@code bytes}, as {@link #readObject(Path)} reads it from a file; {@code name} names it. */
    public static Object readObject(byte[] bytes, String name) {
        Path source = SourceNames.of(name);
        return switch (container(bytes, name)) {
            case ZIP -> ZipCheckpoint.read(bytes, source);
            case LEGACY -> LegacyCheckpoint.read(bytes, source);
        };
    }

    /** The container of {@code file}, from its first bytes; anything else is bad input with a clear reason. */
    public static Container container(Path file) {
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            head = in.readNBytes(HEAD);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such file", e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the file (" + e.getMessage() + ")", e);
        }
        return container(head, size, file);
    }

    /** The container of the checkpoint in {@code bytes}, told as {@link #container(Path)} tells it. */
    public static Container container(byte[] bytes, String name) {
        return container(bytes, bytes.length, SourceNames.of(name));
    }

    /** The container told from the first bytes, {@code head} (at least {@value #HEAD} when the input has them). */
    private static Container container(byte[] head, long size, Path source) {
        if (size == 0) {
            throw new BadInputException(source, "the file is empty, expected a PyTorch checkpoint");
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Container.ZIP;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return Container.LEGACY;
        }
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            throw new BadInputException(source, "is a tar-format PyTorch checkpoint (PyTorch before 0.4), which is"
                + " unsupported: re-save it with a newer PyTorch");
        }
        throw new BadInputException(source, "is not a PyTorch checkpoint (neither a zip archive nor a legacy"
            + " torch.save file)");
    }

    private static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof java.util.List<?>) {
            return "a list";
        }
        if (value instanceof String || value instanceof Long || value instanceof Double) {
            return "a single value";
        }
        return org.ambidex.io.pickle.PyTypeName.of(value);
    }
}
