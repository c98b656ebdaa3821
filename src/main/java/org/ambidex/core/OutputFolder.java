package org.ambidex.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder a command writes its files into ({@code -o DIR}), made ready before any work: created when missing,
 * refused in one line when it cannot be (a file of that name, a parent that is a file, a read-only place such as
 * {@code /proc}), and cleared of what killed runs left in it ({@link Leftovers}). The path is the user's, so a
 * failure here is bad usage, never an internal error.
 */
public final class OutputFolder {

    private OutputFolder() {
    }

    /** Creates {@code folder} when missing, checks it can be written, removes leftovers; returns it. */
    public static Path prepare(Path folder) {
        create(folder);
        Leftovers.sweep(folder);
        return folder;
    }

    /** Creates {@code folder} when missing and checks it can be written (no sweep: for each file of a batch). */
    public static Path create(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new BadInputException(folder, "is a file; expected an output folder (a new or existing folder)");
        }
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException(folder, "cannot create the output folder: " + e.getFile()
                + " is a file, not a folder", e);
        } catch (AccessDeniedException e) {
            throw new BadInputException(folder, "cannot create the output folder: permission denied", e);
        } catch (FileSystemException e) {
            throw new BadInputException(folder, "cannot create the output folder: "
                + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()), e);
        } catch (IOException e) {
            throw new BadInputException(folder, "cannot create the output folder (" + e.getMessage() + ")", e);
        }
        if (!Files.isWritable(folder)) {
            throw new BadInputException(folder, "the output folder is not writable");
        }
        return folder;
    }
}
