package org.ambidex.io.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import org.ambidex.io.pickle.PickleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointWriterTest {

    @TempDir
    Path dir;

    static Map<String, NdArray> tensors() {
        Map<String, NdArray> t = new LinkedHashMap<>();
        t.put("conv.weight", NdArray.ofFloats(new int[] {2, 1, 2, 2}, 1, 2, 3, 4, 5, 6, 7, 8));
        t.put("fc.bias", NdArray.ofDoubles(new int[] {3}, -1.5, 0, 2.25));
        t.put("bn.num_batches_tracked", NdArray.ofLongs(new int[0], 1234));
        t.put("ints", NdArray.ofInts(new int[] {2, 2}, -3, 0, 7, Integer.MAX_VALUE));
        t.put("mask", NdArray.wrap(DType.BOOL, new int[] {3}, NdArray.Order.C, new byte[] {1, 0, 1}));
        t.put("half", NdArray.wrap(DType.FLOAT16, new int[] {2}, NdArray.Order.C, new byte[] {0, 0x3c, 0, (byte) 0xc0}));
        t.put("bf16", NdArray.wrap(DType.BFLOAT16, new int[] {1}, NdArray.Order.C, new byte[] {(byte) 0x80, 0x3f}));
        t.put("empty", NdArray.ofFloats(new int[] {0, 4}));
        t.put("fortran", NdArray.wrap(DType.FLOAT64, new int[] {2, 3}, NdArray.Order.FORTRAN,
            NdArray.ofDoubles(new int[] {6}, 1, 4, 2, 5, 3, 6).bytes()));
        return t;
    }

    @Test
    void writtenCheckpointReadsBackExactly() {
        Path file = dir.resolve("model.pth");
        Map<String, Object> others = new LinkedHashMap<>();
        others.put("epoch", 12L);
        others.put("network", Map.of("module.w", NdArray.ofFloats(new int[] {1}, 9f)));
        others.put("note", "trained by ambidex");
        others.put("lr", 1e-4);
        others.put("flags", List.of(true, false));
        others.put("missing", null);
        TorchCheckpointWriter.write(file, tensors(), others);

        StateDict back = Checkpoints.read(file);
        assertThat(Checkpoints.container(file)).isEqualTo(Checkpoints.Container.ZIP);
        assertThat(back.tensors().keySet()).containsExactlyElementsOf(tensors().keySet());
        tensors().forEach((k, v) -> assertThat(back.require(k)).as(k).isEqualTo(v));
        assertThat(back.require("fortran").toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(back.epoch()).contains(12L);
        assertThat(back.select("network").stripPrefix("module.").require("w").toFloatArray()).containsExactly(9f);
        assertThat(back.others().get("note")).isEqualTo("trained by ambidex");
        assertThat(back.others().get("lr")).isEqualTo(1e-4);
        assertThat(back.others().get("flags")).isEqualTo(List.of(true, false));
        assertThat(back.others()).containsEntry("missing", null);
    }

    /**
     * The container layout torch.load expects: data.pkl first (its folder names the archive), stored entries
     * whose data start on 64-byte boundaries, the byteorder and version records.
     */
    @Test
    void layoutIsPyTorchs() throws IOException {
        Path file = dir.resolve("bare.pt");
        TorchCheckpointWriter.write(file, tensors(), Map.of());
        byte[] zip = Files.readAllBytes(file);
        List<String> names = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        while (b.getInt(at) == 0x04034b50) { // local file header
            int method = b.getShort(at + 8);
            int size = b.getInt(at + 18);
            int nameLength = b.getShort(at + 26) & 0xffff;
            int extraLength = b.getShort(at + 28) & 0xffff;
            String name = new String(zip, at + 30, nameLength, StandardCharsets.UTF_8);
            int data = at + 30 + nameLength + extraLength;
            assertThat(method).as(name).isZero();
            assertThat(data % 64).as(name + " data offset").isZero();
            names.add(name);
            if (name.equals("archive/version")) {
                assertThat(new String(zip, data, size, StandardCharsets.US_ASCII)).isEqualTo("3\n");
            }
            if (name.equals("archive/byteorder")) {
                assertThat(new String(zip, data, size, StandardCharsets.US_ASCII)).isEqualTo("little");
            }
            at = data + size;
        }
        assertThat(names.get(0)).isEqualTo("archive/data.pkl");
        assertThat(names).contains("archive/byteorder", "archive/version", "archive/data/0", "archive/data/8");
        // A bare state dict is an OrderedDict, as model.state_dict() returns.
        assertThat(new String(zip, 0, 600, StandardCharsets.ISO_8859_1)).contains("collections\nOrderedDict");
    }

    @Test
    void picklePartIsAPlainSafePickle() throws IOException {
        // data.pkl without its storages: the safe reader must refuse the persistent ids, not anything else
        Path file = dir.resolve("x.pt");
        TorchCheckpointWriter.write(file, Map.of("w", NdArray.ofFloats(new int[] {1}, 1f)), Map.of());
        byte[] pkl;
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
            pkl = z.getInputStream(z.getEntry("archive/data.pkl")).readAllBytes();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PickleReader.read(pkl, "data.pkl"))
            .hasMessageContaining("persistent ids");
    }

    @Test
    void bigEndianCheckpointsAreSwappedOnRead() throws IOException {
        Path little = dir.resolve("little.pt");
        Map<String, NdArray> t = new LinkedHashMap<>();
        t.put("a", NdArray.ofFloats(new int[] {2, 2}, 1.5f, -2f, 3.25f, 1e-3f));
        t.put("b", NdArray.ofFloats(new int[] {3}, 7f, 8f, 9f));
        TorchCheckpointWriter.write(little, t, Map.of());
        Path big = dir.resolve("big.pt");
        org.ambidex.cli.ZipRewrite.rewrite(little, big, (name, bytes) -> {
            if (name.endsWith("byteorder")) {
                return "big".getBytes(StandardCharsets.US_ASCII);
            }
            if (name.contains("/data/")) {
                byte[] swapped = bytes.clone();
                for (int i = 0; i < swapped.length; i += 4) {
                    for (int k = 0; k < 4; k++) {
                        swapped[i + k] = bytes[i + 3 - k];
                    }
                }
                return swapped;
            }
            return bytes;
        });
        StateDict back = Checkpoints.read(big);
        assertThat(back.tensors()).isEqualTo(t);

        Path odd = dir.resolve("odd.pt");
        org.ambidex.cli.ZipRewrite.rewrite(little, odd, (name, bytes) -> name.endsWith("byteorder")
            ? "middle".getBytes(StandardCharsets.US_ASCII) : bytes);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Checkpoints.read(odd))
            .hasMessageContaining("byteorder says 'middle'");
    }

    @Test
    void viewsThatExpandAStorageBeyondReasonAreRefused() throws IOException {
        Path small = dir.resolve("small.pt");
        TorchCheckpointWriter.write(small, Map.of("w", NdArray.ofFloats(new int[] {4}, 1, 2, 3, 4)), Map.of());
        // [view, view]: each a 20000 x 20000 stride-0 view (1.6 GB) of the 4-element storage
        java.io.ByteArrayOutputStream p = new java.io.ByteArrayOutputStream();
        p.writeBytes(new byte[] {(byte) 0x80, 2, ']', '('});
        for (int i = 0; i < 2; i++) {
            p.writeBytes("ctorch._utils\n_rebuild_tensor_v2\n((X\u0007\u0000\u0000\u0000storagectorch\nFloatStorage\n"
                .getBytes(StandardCharsets.ISO_8859_1));
            p.writeBytes(new byte[] {'X', 1, 0, 0, 0, '0', 'X', 3, 0, 0, 0, 'c', 'p', 'u', 'K', 4, 't', 'Q', 'K', 0,
                '(', 'J', 0x20, 0x4e, 0, 0, 'J', 0x20, 0x4e, 0, 0, 't', '(', 'K', 0, 'K', 0, 't', (byte) 0x89, 'N', 't', 'R'});
        }
        p.writeBytes(new byte[] {'e', '.'});
        Path hostile = dir.resolve("hostile.pt");
        org.ambidex.cli.ZipRewrite.rewrite(small, hostile, (name, bytes) -> name.endsWith("data.pkl") ? p.toByteArray()
            : bytes);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Checkpoints.readObject(hostile))
            .isInstanceOf(org.ambidex.core.BadInputException.class)
            .hasMessageContaining("expand to more than");
    }
}
