package org.ambidex.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.regex.Pattern;

/**
 * Clears an output folder of what killed runs left in it: the temporary files of {@link AtomicOutput}
 * ({@code .NAME.ambidex.part}, and {@code .NAME.DIGITS.part} of older versions) and the staging folders of
 * {@link OutputSet}s (deleted, or published when their journal was written). A file or folder a live process
 * holds locked is left alone, so two commands may share a folder. Only the folder's own entries are looked at
 * (one listing), not its subfolders.
 */
public final class Leftovers {

    private static final Pattern PART = Pattern.compile("\\..+\\.(ambidex|\\d+)\\.part");

    private Leftovers() {
    }

    /** Removes the leftovers in {@code folder}; a failure to remove one is ignored (it stays hidden, as before). */
    public static void sweep(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry) && name.contains(OutputSet.STAGING_MARK)) {
                    OutputSet.recover(entry);
                } else if (Files.isRegularFile(entry) && PART.matcher(name).matches()) {
                    deleteUnlessLocked(entry);
                }
            }
        } catch (IOException ignored) {
            // leftovers are hidden and harmless; the command's own writes report real problems
        }
    }

    private static void deleteUnlessLocked(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                Files.deleteIfExists(file);
            }
        } catch (OverlappingFileLockException live) {
            // a thread of this process is writing it
        } catch (IOException unsupported) {
            // no locks on this file system: a live writer cannot be told from a leftover, so keep it
        }
    }

    /** Deletes {@code root} and everything under it (nothing when it does not exist). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
