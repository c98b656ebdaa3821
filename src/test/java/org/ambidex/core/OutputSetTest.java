package org.ambidex.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputSetTest {

    @TempDir
    Path dir;

    private static final List<String> FAMILY = List.of("a.json", "a.png", "a.obj");

    @Test
    void aPublishedSetReplacesTheWholeEarlierSet() throws IOException {
        Files.writeString(dir.resolve("a.json"), "old");
        Files.writeString(dir.resolve("a.obj"), "old mesh");
        Files.writeString(dir.resolve("b.json"), "another image's");
        try (OutputSet set = OutputSet.begin(dir, "a", FAMILY)) {
            AtomicOutput.writeString(set.file("a.json"), "new");
            AtomicOutput.writeString(set.file("a.png"), "new picture");
            assertThat(Files.readString(dir.resolve("a.json"))).isEqualTo("old");
            set.publish();
        }
        assertThat(Files.readString(dir.resolve("a.json"))).isEqualTo("new");
        assertThat(dir.resolve("a.png")).exists();
        assertThat(dir.resolve("a.obj")).doesNotExist(); // the earlier run's member this run does not write
        assertThat(dir.resolve("b.json")).exists();
        assertThat(hidden()).isEmpty();
    }

    @Test
    void aSetThatFailsPartWayPublishesNothing() throws IOException {
        Files.writeString(dir.resolve("a.json"), "old");
        assertThatThrownBy(() -> {
            try (OutputSet set = OutputSet.begin(dir, "a", FAMILY)) {
                AtomicOutput.writeString(set.file("a.json"), "new");
                throw new IllegalStateException("the picture failed");
            }
        }).hasMessage("the picture failed");
        assertThat(Files.readString(dir.resolve("a.json"))).isEqualTo("old");
        assertThat(hidden()).isEmpty();
    }

    @Test
    void aSetKilledAfterItsJournalIsFinishedByTheNextSweep() throws IOException {
        // kill -9 after the journal and the first move: the folder holds a mix until the next run
        Files.writeString(dir.resolve("a.json"), "old");
        Files.writeString(dir.resolve("a.obj"), "old mesh");
        Path staging = Files.createDirectories(dir.resolve(".a.ambidex-set-5"));
        Files.writeString(staging.resolve("a.png"), "new picture");
        Files.writeString(staging.resolve(".lock"), "");
        Files.writeString(staging.resolve(".publish"), "move a.json\nmove a.png\nremove a.obj\n");
        Files.writeString(dir.resolve("a.json"), "new"); // moved before the kill
        Leftovers.sweep(dir);
        assertThat(Files.readString(dir.resolve("a.json"))).isEqualTo("new");
        assertThat(Files.readString(dir.resolve("a.png"))).isEqualTo("new picture");
        assertThat(dir.resolve("a.obj")).doesNotExist();
        assertThat(hidden()).isEmpty();
    }

    @Test
    void aSetKilledBeforeItsJournalIsDroppedByTheNextSweep() throws IOException {
        Files.writeString(dir.resolve("a.json"), "old");
        Path staging = Files.createDirectories(dir.resolve(".a.ambidex-set-6"));
        Files.writeString(staging.resolve("a.json"), "new, never published");
        Leftovers.sweep(dir);
        assertThat(Files.readString(dir.resolve("a.json"))).isEqualTo("old");
        assertThat(hidden()).isEmpty();
    }

    @Test
    void aLiveSetIsLeftAloneBySweeps() throws IOException {
        try (OutputSet set = OutputSet.begin(dir, "a", FAMILY)) {
            AtomicOutput.writeString(set.file("a.json"), "new");
            Leftovers.sweep(dir); // another command sharing the folder
            set.publish();
        }
        assertThat(Files.readString(dir.resolve("a.json"))).isEqualTo("new");
    }

    @Test
    void aKilledWritersTemporaryFileIsReplacedByTheNextWriteAndSweptOtherwise() throws IOException {
        Files.writeString(dir.resolve(".x.txt.ambidex.part"), "left by kill -9");
        Files.writeString(dir.resolve(".y.txt.8812.part"), "left by an older version");
        Files.writeString(dir.resolve(".notes.part"), "not ours");
        AtomicOutput.writeString(dir.resolve("x.txt"), "whole");
        assertThat(dir.resolve(".x.txt.ambidex.part")).doesNotExist();
        Leftovers.sweep(dir);
        assertThat(dir.resolve(".y.txt.8812.part")).doesNotExist();
        assertThat(dir.resolve(".notes.part")).exists();
        assertThat(Files.readString(dir.resolve("x.txt"))).isEqualTo("whole");
    }

    @Test
    void anOutputFolderThatCannotBeIsOneLineOfBadInput() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> OutputFolder.prepare(file)).isInstanceOf(BadInputException.class)
            .hasMessage(file + ": is a file; expected an output folder (a new or existing folder)");
        assertThatThrownBy(() -> OutputFolder.prepare(file.resolve("sub"))).isInstanceOf(BadInputException.class)
            .hasMessageContaining("cannot create the output folder");
    }

    private List<String> hidden() throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }
}
