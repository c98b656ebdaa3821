package org.ambidex.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReplaces() throws IOException {
        Path target = dir.resolve("sub/result.json");
        AtomicOutput.writeString(target, "first");
        AtomicOutput.writeString(target, "second");
        assertThat(Files.readString(target)).isEqualTo("second");
        assertThat(leftovers()).isZero();
    }

    @Test
    void newFilesAreWorldReadableAndReplacementsKeepTheirPermissions() throws IOException {
        Path fresh = dir.resolve("fresh.json");
        AtomicOutput.writeString(fresh, "{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
        Path kept = dir.resolve("kept.json");
        Files.writeString(kept, "old");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw----"));
        AtomicOutput.writeString(kept, "new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-rw----");
    }

    @Test
    void interruptedWriteLeavesTheOldFileIntact() throws IOException {
        Path target = dir.resolve("mesh.obj");
        AtomicOutput.writeString(target, "old content");
        assertThatThrownBy(() -> AtomicOutput.write(target, out -> {
            out.write("new partial content that must never be seen".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("disk unplugged");
        })).isInstanceOf(BadInputException.class).hasMessageContaining("mesh.obj").hasMessageContaining("disk unplugged");
        assertThat(Files.readString(target)).isEqualTo("old content");
        assertThat(leftovers()).isZero();
    }

    @Test
    void failingWriterOnFreshTargetLeavesNothing() throws IOException {
        Path target = dir.resolve("never.png");
        assertThatThrownBy(() -> AtomicOutput.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IllegalStateException("encoder bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(target).doesNotExist();
        assertThat(leftovers()).isZero();
    }

    @Test
    void unwritableLocationIsBadInputNamingTheFile() throws IOException {
        Path blocker = dir.resolve("file-not-folder");
        Files.writeString(blocker, "x");
        Path target = blocker.resolve("out.json");
        assertThatThrownBy(() -> AtomicOutput.writeString(target, "{}"))
            .isInstanceOf(BadInputException.class)
            .hasMessageStartingWith(target.toString() + ": cannot write the output file");
    }

    private long leftovers() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
    }
}
