package org.ambidex.io.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ambidex.cli.ZipRewrite;
import org.ambidex.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Randomly corrupted checkpoints (seeded): every one is either read or refused with a one-line
 * BadInputException, never another exception, an error or a hang.
 */
class CorruptCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void corruptedLegacyCheckpointsFailCleanly() throws IOException {
        byte[] whole = Files.readAllBytes(CheckpointFixturesTest.fixture("legacy_format.pth.tar"));
        SplittableRandom random = new SplittableRandom(31);
        Path file = dir.resolve("broken.pth.tar");
        for (int trial = 0; trial < 200; trial++) {
            byte[] broken = whole.clone();
            for (int f = 1 + random.nextInt(3); f > 0; f--) {
                broken[random.nextInt(broken.length)] = (byte) random.nextInt(256);
            }
            Files.write(file, broken);
            readOrRefuse(file, trial);
        }
    }

    @Test
    void corruptedZipPicklesFailCleanly() throws IOException {
        Path source = CheckpointFixturesTest.fixture("zip_format.pth");
        SplittableRandom random = new SplittableRandom(37);
        Path file = dir.resolve("broken.pth");
        for (int trial = 0; trial < 150; trial++) {
            long seed = random.nextLong();
            ZipRewrite.rewrite(source, file, (name, bytes) -> {
                if (!name.endsWith("data.pkl")) {
                    return bytes;
                }
                SplittableRandom r = new SplittableRandom(seed);
                byte[] broken = bytes.clone();
                for (int f = 1 + r.nextInt(3); f > 0; f--) {
                    broken[r.nextInt(broken.length)] = (byte) r.nextInt(256);
                }
                return broken;
            });
            readOrRefuse(file, trial);
        }
    }

    @Test
    void corruptedZipBytesFailCleanly() throws IOException {
        byte[] whole = Files.readAllBytes(CheckpointFixturesTest.fixture("zip_format.pth"));
        SplittableRandom random = new SplittableRandom(41);
        Path file = dir.resolve("raw.pth");
        for (int trial = 0; trial < 150; trial++) {
            byte[] broken = whole.clone();
            for (int f = 1 + random.nextInt(3); f > 0; f--) {
                broken[random.nextInt(broken.length)] = (byte) random.nextInt(256);
            }
            Files.write(file, broken);
            readOrRefuse(file, trial);
        }
    }

    private static void readOrRefuse(Path file, int trial) {
        try {
            Checkpoints.read(file);
        } catch (BadInputException expected) {
            assertThat(expected.getMessage()).as("trial " + trial).doesNotContain("\n");
        } catch (RuntimeException | Error e) {
            throw new AssertionError("trial " + trial + " failed with " + e, e);
        }
    }
}
