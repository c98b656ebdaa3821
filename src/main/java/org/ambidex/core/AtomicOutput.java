package org.ambidex.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes output files so that a reader never sees a half-written file: the content goes to a temporary file
 * in the target's folder ({@code .NAME.ambidex.part}, locked while it is written), which is flushed to disk and
 * then renamed over the target. If writing fails, the temporary file is removed and any previous file at the
 * target is left untouched; one left by a killed process is replaced by the next write of the same target, or
 * removed by {@link Leftovers#sweep} when a command prepares its output folder.
 */
public final class AtomicOutput {

    /** Writes the content of a file to a stream; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicOutput() {
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * Runs {@code writer} against a temporary file beside {@code target}, then renames it into place.
     * Parent folders are created. A failure to write is reported as a {@link BadInputException} naming
     * the target (an unwritable output path is the user's to fix).
     */
    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temporary = null;
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            // One temporary name per target, so the next write of a target replaces what a killed run left; the
            // lock tells a live writer's file (another process writing the same target) from a leftover.
            temporary = folder.resolve(temporaryName(absolute.getFileName().toString()));
            channel = lockedChannel(temporary);
            if (channel == null) {
                temporary = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".part");
                channel = lockedChannel(temporary);
            }
            channel.truncate(0);
            OutputStream out = new BufferedOutputStream(new NonClosingStream(Channels.newOutputStream(channel)), 1 << 16);
            writer.writeTo(out);
            out.flush();
            channel.force(true);
            makeReadable(temporary, absolute);
            moveIntoPlace(temporary, absolute);
            temporary = null;
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(target, "cannot write the output file (" + describe(e) + ")", e);
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
            closeQuietly(channel);
        }
    }

    /** The temporary file of {@code fileName}, hidden, beside it; {@link Leftovers} knows the pattern. */
    static String temporaryName(String fileName) {
        return "." + fileName + ".ambidex.part";
    }

    /** {@code file} opened for writing and locked, or null when another writer holds it. */
    private static FileChannel lockedChannel(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException busy) {
            // another thread of this process is writing the same target
        } catch (IOException unsupported) {
            // A file system without locks (some network ones): write unlocked, as before locks were used; a sweep
            // cannot lock such a file either, so it never deletes it.
            return channel;
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        return null;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file is in place or deleted; closing releases only the lock
            }
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Temporary files are created owner-only (0600); an output file should have the permissions of the file it
     * replaces, or the usual rw-r--r-- for a new file, so datasets and meshes stay readable by others.
     */
    private static void makeReadable(Path temporary, Path target) throws IOException {
        if (!Files.getFileStore(temporary).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.exists(target)
            ? Files.getPosixFilePermissions(target)
            : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temporary, permissions);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The original failure is what the user needs to see; a leftover .part file is harmless.
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String message = cause.getMessage();
        String kind = cause.getClass().getSimpleName();
        return message == null ? kind : kind + ": " + message;
    }
}
