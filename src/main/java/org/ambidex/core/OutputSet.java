package org.ambidex.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of files that belong together (the JSON, meshes and pictures of one image) published all at once or not
 * at all. The files are written into a hidden staging folder beside their targets; {@link #publish()} writes a
 * journal naming what to move in and what to remove (members of the set an earlier run wrote that this one does
 * not, so two runs never leave a mix), then moves the files and removes the staging folder. A run killed before
 * the journal leaves a staging folder that the next run deletes (nothing published); one killed after it leaves a
 * journal that the next run carries out (everything published). Either way the folder ends with one whole set
 * ({@link Leftovers#sweep} does the clearing).
 *
 * <p>The staging folder holds a lock while its run lives, so a sweep never touches a live run's files.
 */
public final class OutputSet implements AutoCloseable {

    /** Staging folders are named {@code .NAME.ambidex-set-DIGITS}. */
    static final String STAGING_MARK = ".ambidex-set-";
    private static final String LOCK = ".lock";
    private static final String JOURNAL = ".publish";

    private final Path folder;
    private final Path staging;
    private final List<String> family;
    private final FileChannel lock;
    private boolean done;

    private OutputSet(Path folder, Path staging, List<String> family, FileChannel lock) {
        this.folder = folder;
        this.staging = staging;
        this.family = family;
        this.lock = lock;
    }

    /**
     * Starts a set in {@code folder} (created when missing).
     *
     * @param name names the staging folder (the image's stem)
     * @param family every file name the set may hold, so that members an earlier run left are removed
     */
    public static OutputSet begin(Path folder, String name, List<String> family) {
        OutputFolder.create(folder);
        try {
            Path staging = Files.createTempDirectory(folder, "." + name + STAGING_MARK);
            FileChannel lock = FileChannel.open(staging.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            try {
                lock.lock();
            } catch (IOException unsupported) {
                // a file system without locks: sweeps cannot lock the staging folder either, so they leave it
            }
            return new OutputSet(folder, staging, List.copyOf(family), lock);
        } catch (IOException e) {
            throw new BadInputException(folder, "cannot write into the output folder (" + e.getMessage() + ")", e);
        }
    }

    /** Where to write the member {@code fileName} (inside the staging folder). */
    public Path file(String fileName) {
        if (!family.contains(fileName)) {
            throw new IllegalArgumentException(fileName + " is not a member of this set");
        }
        return staging.resolve(fileName);
    }

    /** Where {@code fileName} is once published. */
    public Path published(String fileName) {
        return folder.resolve(fileName);
    }

    /** Publishes every file written: after this the folder holds this set and no other member of the family. */
    public void publish() {
        try {
            List<String> lines = new ArrayList<>();
            for (String name : family) {
                boolean written = Files.isRegularFile(staging.resolve(name));
                if (written) {
                    lines.add("move " + name);
                } else if (Files.exists(folder.resolve(name))) {
                    lines.add("remove " + name);
                }
            }
            AtomicOutput.writeString(staging.resolve(JOURNAL), String.join("\n", lines) + "\n");
            carryOut(staging);
            done = true;
        } catch (IOException e) {
            throw new BadInputException(folder, "cannot publish the output files (" + e.getMessage() + ")", e);
        }
    }

    /** Removes the staging folder of a set not published (a failure part way publishes nothing). */
    @Override
    public void close() {
        try {
            if (!done) {
                deleteTree(staging);
            }
        } catch (IOException ignored) {
            // a staging folder left behind is removed by the next run's sweep
        } finally {
            try {
                lock.close();
            } catch (IOException ignored) {
                // closing releases the lock; nothing else depends on it
            }
        }
    }

    /**
     * Finishes what a killed run left in {@code staging}: carries out its journal when it has one, else deletes it.
     * Does nothing while a live run holds its lock.
     */
    static void recover(Path staging) throws IOException {
        Path lockFile = staging.resolve(LOCK);
        try (FileChannel channel = Files.exists(lockFile)
            ? FileChannel.open(lockFile, StandardOpenOption.WRITE) : null) {
            if (channel != null && !locked(channel)) {
                return;
            }
            if (Files.isRegularFile(staging.resolve(JOURNAL))) {
                carryOut(staging);
            } else {
                deleteTree(staging);
            }
        } catch (OverlappingFileLockException live) {
            // this process is writing the set
        }
    }

    /** Whether this process got the lock; false when another holds it or the file system has no locks. */
    private static boolean locked(FileChannel channel) {
        try {
            return channel.tryLock() != null;
        } catch (IOException unsupported) {
            return false;
        }
    }

    /** Moves and removes as the journal says (each step may already be done), then deletes the staging folder. */
    private static void carryOut(Path staging) throws IOException {
        Path folder = staging.getParent();
        for (String line : Files.readAllLines(staging.resolve(JOURNAL), StandardCharsets.UTF_8)) {
            if (line.startsWith("move ")) {
                String name = line.substring(5);
                Path from = staging.resolve(name);
                if (Files.exists(from)) {
                    move(from, folder.resolve(name));
                }
            } else if (line.startsWith("remove ")) {
                Files.deleteIfExists(folder.resolve(line.substring(7)));
            }
        }
        deleteTree(staging);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Leftovers.deleteTree(root);
    }
}
