package org.ambidex.io.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.ambidex.cli.HostileInputs;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes changed inside an entry's data, where no header or offset notices them: the zip layer's CRC-32 is the
 * only witness, and both the file reader and the in-memory reader refuse the archive naming the entry.
 */
class ZipCrcTest {

    @TempDir
    Path dir;

    @Test
    void aCorruptedStorageIsRefusedNamingItsEntry() throws IOException {
        byte[] whole = Files.readAllBytes(CheckpointFixturesTest.fixture("zip_format.pth"));
        String entry = largestStoredEntry(CheckpointFixturesTest.fixture("zip_format.pth"), "/data/");
        byte[] broken = corruptInside(whole, CheckpointFixturesTest.fixture("zip_format.pth"), entry);
        Path file = dir.resolve("broken.pth");
        Files.write(file, broken);

        assertThatThrownBy(() -> Checkpoints.read(file)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("entry " + entry + " is corrupt: its CRC-32 is").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Checkpoints.read(broken, "model.pt")).isInstanceOf(BadInputException.class)
            .hasMessageStartingWith("model.pt: not a valid zip checkpoint (entry " + entry + " is corrupt");
        // the untouched file still reads
        assertThat(Checkpoints.read(CheckpointFixturesTest.fixture("zip_format.pth"))).isNotNull();
    }

    @Test
    void aCorruptedPickleIsRefusedNamingItsEntry() throws IOException {
        Path source = CheckpointFixturesTest.fixture("zip_format.pth");
        String entry = largestStoredEntry(source, "data.pkl");
        byte[] whole = Files.readAllBytes(source);
        // The last byte before STOP is a pickle opcode's operand or a SETITEMS; flip a string's letter instead:
        // the pickle still parses, only the CRC tells.
        byte[] broken = whole.clone();
        byte[] pickle = content(source, entry);
        int at = indexOf(whole, pickle) + indexOf(pickle, "head".getBytes());
        broken[at] = 'x';
        Path file = dir.resolve("renamed.pth");
        Files.write(file, broken);
        assertThatThrownBy(() -> Checkpoints.read(file)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("entry " + entry + " is corrupt");
    }

    @Test
    void aCorruptedNpzIsRefusedNamingItsEntry() throws IOException {
        Path npz = dir.resolve("arrays.npz");
        Npz.write(npz, Map.of("weights", NdArray.ofDoubles(new int[] {8}, 1, 2, 3, 4, 5, 6, 7, 8)), false);
        byte[] broken = corruptInside(Files.readAllBytes(npz), npz, "weights.npy");
        Files.write(npz, broken);
        assertThatThrownBy(() -> Npz.read(npz)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("entry weights.npy is corrupt: its CRC-32 is");
    }

    /** The stored entry whose name contains {@code part} with the most bytes. */
    private static String largestStoredEntry(Path zip, String part) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.stream().filter(e -> e.getName().contains(part) && e.getMethod() == ZipEntry.STORED)
                .max(java.util.Comparator.comparingLong(ZipEntry::getSize)).orElseThrow().getName();
        }
    }

    /** {@code whole} with the last byte of {@code entry}'s stored content inverted. */
    private static byte[] corruptInside(byte[] whole, Path zip, String entry) throws IOException {
        byte[] content = content(zip, entry);
        int at = indexOf(whole, content);
        assertThat(at).isPositive();
        byte[] broken = whole.clone();
        broken[at + content.length - 1] ^= (byte) 0xff;
        return broken;
    }

    private static byte[] content(Path zip, String entry) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry(entry))) {
            return in.readAllBytes();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return HostileInputs.indexOf(haystack, needle);
    }
}
