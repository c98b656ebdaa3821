package org.ambidex.io.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ambidex.cli.ZipRewrite;
import org.ambidex.core.BadInputException;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A checkpoint read from bytes in memory reads as the same bytes read from a file: the same object, tensor for
 * tensor and bit for bit, and, when it is bad, a one-line message naming the source (the same message whenever the
 * fault lies past the zip layer).
 */
class InMemoryCheckpointTest {

    @TempDir
    Path dir;

    static Stream<Path> fixtures() {
        return Stream.of("torch-checkpoints/zip_format.pth", "torch-checkpoints/legacy_format.pth.tar",
            "torch-checkpoints/bare_state_dict.pt", "generated/torch_protocol4.pt", "generated/torch_legacy_views.pth",
            "nets/tiny-internet/snapshot.pth.tar").map(InMemoryCheckpointTest::resource);
    }

    private static Path resource(String name) {
        try {
            return Path.of(InMemoryCheckpointTest.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureReadsFromBytesAsFromItsFile(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertSameValue(Checkpoints.readObject(bytes, file.toString()), Checkpoints.readObject(file), "");
        StateDict fromFile = Checkpoints.read(file);
        StateDict fromBytes = Checkpoints.read(bytes, file.toString());
        assertSameTensors(fromBytes, fromFile);
        assertThat(fromBytes.source()).isEqualTo(fromFile.source());
        assertThat(fromBytes.sourceName()).isEqualTo(file.toString());
        assertThat(fromBytes.file()).isEmpty();
        assertThat(fromFile.file()).contains(file);
        assertThat(Checkpoints.container(bytes, "x")).isEqualTo(Checkpoints.container(file));
    }

    @Test
    void aCheckpointAmbidexWroteReadsFromBytes() throws IOException {
        Path file = dir.resolve("written.pt");
        Map<String, NdArray> tensors = new LinkedHashMap<>();
        tensors.put("w", NdArray.ofFloats(new int[] {2, 3}, new float[] {1, -2, 3.5f, Float.NaN, 0, 7}));
        tensors.put("n", NdArray.ofLongs(new int[] {3}, new long[] {1, Long.MIN_VALUE, 42}));
        TorchCheckpointWriter.write(file, tensors, Map.of("epoch", 3L, "meta", Map.of("name", "x")));
        StateDict fromBytes = Checkpoints.read(Files.readAllBytes(file), "written");
        assertSameTensors(fromBytes, Checkpoints.read(file));
        assertThat(fromBytes.epoch()).contains(3L);
        assertThat(fromBytes.tensors().get("n").dtype()).isEqualTo(DType.INT64);
    }

    @Test
    void deflatedEntriesWithDataDescriptorsRead() throws IOException {
        // ZipOutputStream deflates each entry and writes its sizes after the data, in a data descriptor.
        Path file = dir.resolve("deflated.pth");
        ZipRewrite.rewrite(resource("torch-checkpoints/zip_format.pth"), file, (name, b) -> b);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.stream()).allMatch(e -> e.getMethod() == ZipEntry.DEFLATED);
        }
        assertSameValue(Checkpoints.readObject(Files.readAllBytes(file), "deflated"), Checkpoints.readObject(file),
            "");
    }

    @Test
    void zip64EndRecordsAreFollowed() throws IOException {
        // More than 65535 entries do not fit the plain end record: the zip64 end record holds the count.
        Path file = dir.resolve("many.pth");
        try (ZipFile source = new ZipFile(resource("torch-checkpoints/zip_format.pth").toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            Enumeration<? extends ZipEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                out.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream in = source.getInputStream(e)) {
                    in.transferTo(out);
                }
            }
            for (int i = 0; i < 65_536; i++) {
                out.putNextEntry(new ZipEntry("pad/" + i));
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer end = ByteBuffer.wrap(bytes, bytes.length - 22, 22).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(end.getInt(0)).isEqualTo(0x06054b50);
        assertThat(end.getShort(10) & 0xffff).isEqualTo(0xffff);
        assertSameValue(Checkpoints.readObject(bytes, "many"), Checkpoints.readObject(file), "");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void truncatedBytesAreRefusedNamingTheSource(Path fixture) throws IOException {
        byte[] whole = Files.readAllBytes(fixture);
        Path file = dir.resolve("cut");
        for (int length : new int[] {0, 1, 3, 40, whole.length / 3, whole.length / 2, whole.length - 30,
            whole.length - 1}) {
            byte[] cut = Arrays.copyOf(whole, length);
            Files.write(file, cut);
            String fromFile = refusal(() -> Checkpoints.read(file));
            String fromBytes = refusal(() -> Checkpoints.read(cut, file.toString()));
            assertThat(fromBytes).as("cut to " + length).startsWith(file + ": ").doesNotContain("\n");
            if (Checkpoints.container(fixture) == Checkpoints.Container.LEGACY || length < 4) {
                assertThat(fromBytes).as("cut to " + length).isEqualTo(fromFile);
            }
        }
    }

    @Test
    void corruptedLegacyBytesReadOrFailAsTheFileDoes() throws IOException {
        byte[] whole = Files.readAllBytes(resource("torch-checkpoints/legacy_format.pth.tar"));
        SplittableRandom random = new SplittableRandom(43);
        Path file = dir.resolve("broken.pth.tar");
        for (int trial = 0; trial < 150; trial++) {
            byte[] broken = corrupt(whole, random);
            Files.write(file, broken);
            Outcome fromFile = Outcome.of(() -> Checkpoints.readObject(file));
            Outcome fromBytes = Outcome.of(() -> Checkpoints.readObject(broken, file.toString()));
            assertThat(withoutIdentities(fromBytes.message())).as("trial " + trial)
                .isEqualTo(withoutIdentities(fromFile.message()));
            if (fromFile.value() != null) {
                assertSameValue(fromBytes.value(), fromFile.value(), "trial " + trial);
            }
        }
    }

    @Test
    void corruptedZipBytesReadAsTheFileDoesOrFailWithOneLine() throws IOException {
        byte[] whole = Files.readAllBytes(resource("torch-checkpoints/zip_format.pth"));
        SplittableRandom random = new SplittableRandom(47);
        Path file = dir.resolve("broken.pth");
        int bothRead = 0;
        for (int trial = 0; trial < 150; trial++) {
            byte[] broken = corrupt(whole, random);
            Files.write(file, broken);
            Outcome fromFile = Outcome.of(() -> Checkpoints.readObject(file));
            Outcome fromBytes = Outcome.of(() -> Checkpoints.readObject(broken, file.toString()));
            if (fromBytes.message() != null) {
                assertThat(fromBytes.message()).as("trial " + trial).startsWith(file + ": ").doesNotContain("\n");
                if (fromFile.message() != null && !isZipLayer(fromFile.message()) && !isZipLayer(fromBytes.message())) {
                    assertThat(withoutIdentities(fromBytes.message())).as("trial " + trial)
                        .isEqualTo(withoutIdentities(fromFile.message()));
                }
            } else if (fromFile.value() != null) {
                assertSameValue(fromBytes.value(), fromFile.value(), "trial " + trial);
                bothRead++;
            }
        }
        assertThat(bothRead).as("corruptions of unused bytes (comments, extra fields) that both read").isPositive();
    }

    /**
     * The message without identity hash codes: a few messages of the pickle reader show an object's default
     * {@code toString} ({@code TorchTensorRef@40c80397}), which differs from run to run.
     */
    private static String withoutIdentities(String message) {
        return message == null ? null : message.replaceAll("@[0-9a-f]+\\b", "@");
    }

    /** Faults ZipFile and the in-memory reader each describe in their own words. */
    private static boolean isZipLayer(String message) {
        return message.contains("not a valid zip checkpoint") || message.contains("cannot read");
    }

    @Test
    void inconsistentArchivesAreRefusedWithOneLine() throws IOException {
        byte[] whole = Files.readAllBytes(resource("torch-checkpoints/zip_format.pth"));
        ByteBuffer b = ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN);
        int end = whole.length - 22;
        int directory = b.getInt(end + 16);
        int firstLocal = 0;

        assertRefused(with32(whole, end + 16, directory + 100), "the central directory");
        assertRefused(with32(whole, end + 12, b.getInt(end + 12) + 1), "bytes, but the end record says");
        assertRefused(with16(with16(whole, end + 8, 60_000), end + 10, 60_000), "entries, more than a central");
        // The first entry's local header offset moved off its header.
        assertRefused(with32(whole, directory + 42, firstLocal + 1), "local header of entry");
        // The first entry, stored, declares a compressed size other than its size.
        assertRefused(with32(whole, directory + 20, b.getInt(directory + 24) + 1), "declares");
        // Its data made to reach into the central directory.
        assertRefused(with32(with32(whole, directory + 20, directory), directory + 24, directory),
            "runs into the central");
        assertRefused(Arrays.copyOf(whole, whole.length - 1), "no end of central directory record");
    }

    @Test
    void notACheckpointIsRefusedAsAFileIs() throws IOException {
        Path file = dir.resolve("text.pt");
        byte[] text = "hello, not a checkpoint".getBytes(StandardCharsets.US_ASCII);
        Files.write(file, text);
        assertThat(refusal(() -> Checkpoints.read(text, file.toString())))
            .isEqualTo(refusal(() -> Checkpoints.read(file))).contains("is not a PyTorch checkpoint");
        assertThat(refusal(() -> Checkpoints.read(new byte[0], "empty.pt"))).isEqualTo(
            "empty.pt: the file is empty, expected a PyTorch checkpoint");
        assertThatThrownBy(() -> Checkpoints.read(text, null)).isInstanceOf(BadInputException.class)
            .hasMessageStartingWith("<checkpoint>: ");
    }

    private static void assertRefused(byte[] bytes, String reason) {
        assertThat(refusal(() -> Checkpoints.read(bytes, "inconsistent.pth")))
            .startsWith("inconsistent.pth: not a valid zip checkpoint (").contains(reason).doesNotContain("\n");
    }

    private static byte[] with32(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return copy;
    }

    private static byte[] with16(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) value);
        return copy;
    }

    private static byte[] corrupt(byte[] whole, SplittableRandom random) {
        byte[] broken = whole.clone();
        for (int f = 1 + random.nextInt(3); f > 0; f--) {
            broken[random.nextInt(broken.length)] = (byte) random.nextInt(256);
        }
        return broken;
    }

    private static String refusal(Runnable read) {
        try {
            read.run();
        } catch (BadInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a BadInputException");
    }

    /** What a read gave: the value, or the message of its BadInputException; any other failure fails the test. */
    private record Outcome(Object value, String message) {
        static Outcome of(java.util.function.Supplier<Object> read) {
            try {
                return new Outcome(read.get(), null);
            } catch (BadInputException e) {
                return new Outcome(null, e.getMessage());
            }
        }
    }

    private static void assertSameTensors(StateDict actual, StateDict expected) {
        Map<String, NdArray> a = actual.allTensors();
        Map<String, NdArray> e = expected.allTensors();
        assertThat(a.keySet()).containsExactlyElementsOf(e.keySet());
        e.forEach((name, tensor) -> {
            assertThat(a.get(name).dtype()).as(name).isEqualTo(tensor.dtype());
            assertThat(a.get(name).shape()).as(name).isEqualTo(tensor.shape());
            assertThat(a.get(name)).as(name).isEqualTo(tensor);
        });
        assertSameValue(actual.entries(), expected.entries(), "");
    }

    /** Deep equality of read values: maps in order, lists, byte strings, tensors bit for bit. */
    private static void assertSameValue(Object actual, Object expected, String path) {
        if (expected instanceof Map<?, ?> e) {
            assertThat(actual).as(path).isInstanceOf(Map.class);
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(List.copyOf(a.keySet())).as(path).isEqualTo(List.copyOf(e.keySet()));
            e.forEach((k, v) -> assertSameValue(a.get(k), v, path + "." + k));
        } else if (expected instanceof List<?> e) {
            assertThat(actual).as(path).isInstanceOf(List.class);
            List<?> a = (List<?>) actual;
            assertThat(a).as(path).hasSameSizeAs(e);
            Iterator<?> ai = a.iterator();
            int i = 0;
            for (Object v : e) {
                assertSameValue(ai.next(), v, path + "[" + i++ + "]");
            }
        } else if (expected instanceof byte[] e) {
            assertThat(actual).as(path).isInstanceOf(byte[].class);
            assertThat((byte[]) actual).as(path).isEqualTo(e);
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
