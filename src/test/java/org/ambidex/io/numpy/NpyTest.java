package org.ambidex.io.numpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import org.ambidex.io.pickle.ObjectArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryNumpyDtypeAndFortranOrder() {
        for (DType type : DType.values()) {
            if (type.numpyCode() == null) {
                continue;
            }
            byte[] bytes = new byte[6 * type.itemSize()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 37 + 11);
            }
            if (type == DType.BOOL) {
                bytes = new byte[] {1, 0, 1, 1, 0, 0};
            }
            NdArray f = NdArray.wrap(type, new int[] {2, 3}, NdArray.Order.FORTRAN, bytes);
            Path file = dir.resolve(type + ".npy");
            Npy.write(file, f);
            NdArray back = Npy.read(file);
            assertThat(back.order()).isEqualTo(NdArray.Order.FORTRAN);
            assertThat(back.bytes()).isEqualTo(bytes);
            assertThat(back).isEqualTo(f);
        }
    }

    @Test
    void headerIsWhatNumpyWrites() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, NdArray.ofDoubles(new int[] {3}, 1, 2, 3));
        byte[] b = out.toByteArray();
        String header = new String(b, 10, 118, StandardCharsets.ISO_8859_1);
        assertThat(b.length).isEqualTo(128 + 24);
        assertThat(header).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }").endsWith("\n");
    }

    @Test
    void readsBigEndianAndZeroDimensionalArrays() throws IOException {
        Path file = dir.resolve("be.npy");
        Files.write(file, npy("{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }",
            new byte[] {0, 0, 0, 7, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe}));
        assertThat(Npy.read(file).toLongArray()).containsExactly(7, -2);

        Files.write(file, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
            NdArray.ofDoubles(new int[0], 2.5).bytes()));
        NdArray scalar = Npy.read(file);
        assertThat(scalar.ndim()).isZero();
        assertThat(scalar.getDouble(0)).isEqualTo(2.5);
    }

    @Test
    void npzRoundTripsStoredAndCompressedInOrder() {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("zeta", NdArray.ofFloats(new int[] {2, 2}, 1, 2, 3, 4));
        arrays.put("alpha", NdArray.ofLongs(new int[] {0, 3}));
        arrays.put("mid", NdArray.ofInts(new int[] {1}, -5));
        for (boolean compressed : new boolean[] {false, true}) {
            Path file = dir.resolve("a" + compressed + ".npz");
            Npz.write(file, arrays, compressed);
            Map<String, NdArray> back = Npz.read(file);
            assertThat(back.keySet()).containsExactly("zeta", "alpha", "mid");
            assertThat(back).isEqualTo(arrays);
        }
    }

    @Test
    void manoNpzTextArraysAreReadByReadAll() throws Exception {
        Path file = Path.of(NpyTest.class.getResource("/fixtures/mano-format/MANO_RIGHT.npz").toURI());
        Map<String, Object> all = Npz.readAll(file, false);
        assertThat(((TextArray) all.get("bs_style")).scalar()).isEqualTo("lbs");
        assertThat(((TextArray) all.get("bs_type")).scalar()).isEqualTo("lrotmin");
        assertThat(Npz.read(file)).doesNotContainKey("bs_style").containsKey("shapedirs");
        assertThat(Npz.read(file).get("shapedirs").shape()).containsExactly(778, 3, 10);
    }

    @Test
    void objectArraysAreRefusedUnlessAllowed() throws IOException {
        // np.save of np.array([1, 'a'], dtype=object): the data is a pickle of the array (protocol 2 here).
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {(byte) 0x80, 2});
        p.writeBytes(global("numpy.core.multiarray", "_reconstruct"));
        p.writeBytes(global("numpy", "ndarray"));
        p.writeBytes(new byte[] {'K', 0, (byte) 0x85, 'C', 1, 'b', (byte) 0x87, 'R'});
        p.writeBytes(new byte[] {'(', 'K', 1, 'K', 2, (byte) 0x85});
        p.writeBytes(global("numpy", "dtype"));
        p.writeBytes(new byte[] {'X', 2, 0, 0, 0, 'O', '8', (byte) 0x89, (byte) 0x88, (byte) 0x87, 'R'});
        p.writeBytes(new byte[] {'(', 'K', 3, 'X', 1, 0, 0, 0, '|', 'N', 'N', 'N', 'J', -1, -1, -1, -1, 'J', -1, -1, -1,
            -1, 'K', 63, 't', 'b'});
        p.writeBytes(new byte[] {(byte) 0x89, ']', '(', 'K', 1, 'X', 1, 0, 0, 0, 'a', 'e', 't', 'b', '.'});
        Path file = dir.resolve("objects.npy");
        Files.write(file, npy("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", p.toByteArray()));

        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("object array");
        ObjectArray objects = (ObjectArray) Npy.readAny(file, true);
        assertThat(objects.shape()).containsExactly(2);
        assertThat(objects.elements()).isEqualTo(List.of(1L, "a"));
    }

    @Test
    void malformedFilesGetOneClearLine() throws IOException {
        Path file = dir.resolve("bad.npy");
        Files.write(file, "PK not numpy".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(BadInputException.class).hasMessageContaining("magic");

        Files.write(file, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", new byte[16]));
        assertThatThrownBy(() -> Npy.read(file)).hasMessageContaining("larger than the 2 GiB");

        Files.write(file, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 1000), }", new byte[16]));
        assertThatThrownBy(() -> Npy.read(file)).hasMessageContaining("needs 8000000 bytes");

        Files.write(file, npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        assertThatThrownBy(() -> Npy.read(file)).hasMessageContaining("structured");

        Files.write(file, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,) ", new byte[8]));
        assertThatThrownBy(() -> Npy.read(file)).hasMessageContaining("not a Python dict");

        byte[] truncated = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", new byte[32]);
        Files.write(file, java.util.Arrays.copyOf(truncated, 100));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(BadInputException.class);

        Path npz = dir.resolve("bad.npz");
        Files.write(npz, new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThatThrownBy(() -> Npz.read(npz)).isInstanceOf(BadInputException.class).hasMessageContaining(".npz");
    }

    @Test
    void randomlyCorruptedFilesFailOnlyWithBadInput() throws IOException {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("a", NdArray.ofDoubles(new int[] {2, 3}, 1, 2, 3, 4, 5, 6));
        arrays.put("b", NdArray.ofInts(new int[] {4}, 1, 2, 3, 4));
        java.util.SplittableRandom random = new java.util.SplittableRandom(43);
        for (boolean compressed : new boolean[] {false, true}) {
            Path good = dir.resolve("good" + compressed + ".npz");
            Npz.write(good, arrays, compressed);
            byte[] whole = Files.readAllBytes(good);
            Path npy = dir.resolve("good.npy");
            Npy.write(npy, arrays.get("a"));
            byte[] wholeNpy = Files.readAllBytes(npy);
            Path file = dir.resolve("broken.npz");
            Path fileNpy = dir.resolve("broken.npy");
            for (int trial = 0; trial < 300; trial++) {
                byte[] broken = whole.clone();
                byte[] brokenNpy = wholeNpy.clone();
                for (int f = 1 + random.nextInt(3); f > 0; f--) {
                    broken[random.nextInt(broken.length)] = (byte) random.nextInt(256);
                    brokenNpy[random.nextInt(brokenNpy.length)] = (byte) random.nextInt(256);
                }
                Files.write(file, broken);
                Files.write(fileNpy, brokenNpy);
                for (Runnable read : List.<Runnable>of(() -> Npz.readAll(file, false), () -> Npy.readAny(fileNpy, false))) {
                    try {
                        read.run();
                    } catch (BadInputException expected) {
                        assertThat(expected.getMessage()).doesNotContain("\n");
                    } catch (RuntimeException | Error e) {
                        throw new AssertionError("trial " + trial + " failed with " + e, e);
                    }
                }
            }
        }
    }

    static byte[] npy(String dict, byte[] data) {
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] global(String module, String name) {
        return ("c" + module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
