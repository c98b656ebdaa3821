package org.ambidex.io.numpy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import org.ambidex.io.pickle.ObjectArray;
import org.ambidex.io.pickle.PickleSource;
import org.ambidex.io.pickle.Unpickler;

/**
 * The {@code .npy} format (versions 1.0, 2.0 and 3.0): magic {@code \x93NUMPY}, version, header length,
 * a Python dict literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }} padded to a
 * multiple of 64 bytes, then the raw elements in memory order (or a pickle for object arrays).
 */
final class NpyFormat {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private NpyFormat() {
    }

    /**
     * Reads one array from {@code in}, which holds at most {@code length} bytes (-1 if unknown; give a length
     * only when it truly bounds the stream, such as a file's size).
     *
     * @return an {@link NdArray}, a {@link TextArray}, or (when allowed) an {@link ObjectArray}
     */
    static Object read(InputStream in, long length, Path file, String part, boolean allowObjectArrays)
        throws IOException {
        String where = part == null ? "" : part + ": ";
        byte[] start = in.readNBytes(10);
        if (start.length < 10 || !Arrays.equals(Arrays.copyOf(start, 6), MAGIC)) {
            throw new BadInputException(file, where + "not a NumPy .npy file (no \\x93NUMPY magic)");
        }
        int major = start[6] & 0xff;
        long headerLength;
        int prefix;
        if (major == 1) {
            headerLength = (start[8] & 0xff) | (start[9] & 0xff) << 8;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            byte[] more = in.readNBytes(2);
            if (more.length < 2) {
                throw new BadInputException(file, where + "the .npy header is truncated");
            }
            headerLength = (start[8] & 0xffL) | (start[9] & 0xffL) << 8 | (more[0] & 0xffL) << 16
                | (more[1] & 0xffL) << 24;
            prefix = 12;
        } else {
            throw new BadInputException(file, where + ".npy format version " + major + "." + (start[7] & 0xff)
                + " is not supported (1.0 to 3.0)");
        }
        if (headerLength > MAX_HEADER || (length >= 0 && headerLength > length - prefix)) {
            throw new BadInputException(file, where + "the .npy header declares " + headerLength
                + " bytes, more than the file holds or a header needs");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new BadInputException(file, where + "the .npy header is truncated");
        }
        String headerText = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header header = Header.parse(headerText, file, where);
        long remaining = length < 0 ? -1 : length - prefix - headerLength;

        if (header.kind == 'O') {
            if (!allowObjectArrays) {
                throw new BadInputException(file, where + "holds a NumPy object array (a pickle); object arrays are"
                    + " refused unless explicitly allowed");
            }
            Unpickler unpickler = new Unpickler(PickleSource.of(in, remaining), file, part, null, true);
            Object value = unpickler.load();
            if (!(value instanceof ObjectArray || value instanceof NdArray)) {
                throw new BadInputException(file, where + "the object array's pickle holds no array");
            }
            return value;
        }
        long count = 1;
        for (int d : header.shape) {
            count = Math.multiplyExact(count, d);
        }
        long bytes = count * header.itemSize;
        if (count > MAX_BYTES || bytes > MAX_BYTES) {
            throw new BadInputException(file, where + "the array of shape " + Arrays.toString(header.shape)
                + " is larger than the 2 GiB ambidex reads");
        }
        if (remaining >= 0 && bytes > remaining) {
            throw new BadInputException(file, where + "the array of shape " + Arrays.toString(header.shape) + " and "
                + header.descr + " needs " + bytes + " bytes, the file holds " + remaining + " (truncated?)");
        }
        byte[] data;
        if (remaining >= 0) {
            // A true bound (the file's size) checked above: allocate once.
            data = new byte[(int) bytes];
            int got = in.readNBytes(data, 0, data.length);
            if (got < bytes) {
                throw new BadInputException(file, where + "the file is truncated: the array needs " + bytes
                    + " bytes, found " + got);
            }
        } else {
            // Unknown length (a deflated entry): grow while reading, so a lying header cannot exhaust memory.
            data = in.readNBytes((int) bytes);
            if (data.length < bytes) {
                throw new BadInputException(file, where + "the file is truncated: the array needs " + bytes
                    + " bytes, found " + data.length);
            }
        }
        if (header.kind == 'U' || header.kind == 'S') {
            return text(header, data);
        }
        return NdArray.wrap(header.dtype, header.shape, header.fortran ? NdArray.Order.FORTRAN : NdArray.Order.C,
            data, header.byteOrder);
    }

    private static TextArray text(Header header, byte[] data) {
        int count = header.itemSize == 0 ? 0 : data.length / header.itemSize;
        List<String> memory = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * header.itemSize;
            if (header.kind == 'S') {
                int end = from + header.itemSize;
                while (end > from && data[end - 1] == 0) {
                    end--;
                }
                memory.add(new String(data, from, end - from, StandardCharsets.ISO_8859_1));
            } else {
                StringBuilder s = new StringBuilder();
                for (int k = 0; k < header.itemSize / 4; k++) {
                    int at = from + 4 * k;
                    int cp = header.byteOrder == ByteOrder.BIG_ENDIAN
                        ? (data[at] & 0xff) << 24 | (data[at + 1] & 0xff) << 16 | (data[at + 2] & 0xff) << 8 | (data[at + 3] & 0xff)
                        : (data[at + 3] & 0xff) << 24 | (data[at + 2] & 0xff) << 16 | (data[at + 1] & 0xff) << 8 | (data[at] & 0xff);
                    if (cp == 0) {
                        break;
                    }
                    s.appendCodePoint(Character.isValidCodePoint(cp) ? cp : 0xfffd);
                }
                memory.add(s.toString());
            }
        }
        if (header.fortran && header.shape.length > 1) {
            List<String> c = new ArrayList<>(count);
            NdArray positions = NdArray.wrap(DType.INT32, header.shape, NdArray.Order.FORTRAN, indexBytes(count));
            for (int i = 0; i < count; i++) {
                c.add(memory.get((int) positions.getLong(i)));
            }
            memory = c;
        }
        return new TextArray(header.shape, memory);
    }

    private static byte[] indexBytes(int count) {
        return NdArray.ofInts(new int[] {count}, java.util.stream.IntStream.range(0, count).toArray()).bytes();
    }

    /** Writes {@code array} as a version 1.0 (or 2.0 when the header is long) {@code .npy} stream. */
    static void write(OutputStream out, NdArray array) throws IOException {
        String code = array.dtype().numpyCode();
        if (code == null) {
            throw new BadInputException("NumPy has no " + array.dtype() + " type: convert the array before saving");
        }
        String descr = (array.dtype().itemSize() == 1 ? "|" : "<") + code;
        StringBuilder shape = new StringBuilder("(");
        int[] dims = array.shape();
        for (int i = 0; i < dims.length; i++) {
            shape.append(dims[i]).append(i == 0 && dims.length == 1 ? "," : "").append(i + 1 < dims.length ? ", " : "");
        }
        shape.append(')');
        boolean fortran = array.order() == NdArray.Order.FORTRAN && dims.length > 1;
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
            + shape + ", }";
        int prefix = 10;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        boolean version2 = padded - prefix > 0xffff;
        if (version2) {
            prefix = 12;
            total = prefix + dict.length() + 1;
            padded = (total + 63) / 64 * 64;
        }
        int headerLength = padded - prefix;
        String header = dict + " ".repeat(padded - total) + "\n";
        out.write(MAGIC);
        out.write(version2 ? 2 : 1);
        out.write(0);
        out.write(headerLength & 0xff);
        out.write((headerLength >>> 8) & 0xff);
        if (version2) {
            out.write((headerLength >>> 16) & 0xff);
            out.write((headerLength >>> 24) & 0xff);
        }
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteOrderWriter.write(out, array);
    }

    /** Writes the elements of an array in memory order, little-endian. */
    private static final class ByteOrderWriter {
        static void write(OutputStream out, NdArray array) throws IOException {
            var buffer = array.buffer();
            byte[] chunk = new byte[Math.min(buffer.remaining(), 1 << 16)];
            while (buffer.hasRemaining()) {
                int n = Math.min(chunk.length, buffer.remaining());
                buffer.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    /** The parsed header dict. */
    private record Header(String descr, char kind, DType dtype, int itemSize, ByteOrder byteOrder, boolean fortran,
                          int[] shape) {

        static Header parse(String text, Path file, String where) {
            Object literal;
            try {
                literal = PyLiteral.parse(text.strip());
            } catch (PyLiteral.SyntaxError e) {
                throw new BadInputException(file, where + "the .npy header is not a Python dict (" + e.getMessage() + ")");
            }
            if (!(literal instanceof Map<?, ?> dict) || !(dict.get("descr") instanceof String descr)
                || !(dict.get("fortran_order") instanceof Boolean fortran) || !(dict.get("shape") instanceof List<?> dims)) {
                throw new BadInputException(file, where + "the .npy header lacks 'descr', 'fortran_order' or 'shape'"
                    + (literal instanceof Map<?, ?> m && m.get("descr") instanceof List<?>
                    ? " (structured arrays are not supported)" : ""));
            }
            int[] shape = new int[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                    throw new BadInputException(file, where + "the .npy shape " + dict.get("shape") + " is not valid");
                }
                shape[i] = (int) (long) d;
            }
            ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            String code = !descr.isEmpty() && "<>|=".indexOf(descr.charAt(0)) >= 0 ? descr.substring(1) : descr;
            if (code.isEmpty()) {
                throw new BadInputException(file, where + "the .npy dtype is empty");
            }
            char kind = code.charAt(0);
            if (kind == 'O') {
                return new Header(descr, 'O', null, 8, order, fortran, shape);
            }
            if (kind == 'U' || kind == 'S') {
                int chars;
                try {
                    chars = Integer.parseInt(code.substring(1));
                } catch (NumberFormatException e) {
                    throw new BadInputException(file, where + "the .npy dtype '" + descr + "' is not valid");
                }
                int item = kind == 'U' ? 4 * chars : chars;
                if (chars < 0 || chars > 1 << 20) {
                    throw new BadInputException(file, where + "the .npy dtype '" + descr + "' is not valid");
                }
                return new Header(descr, kind, null, item, order, fortran, shape);
            }
            DType dtype = DType.fromNumpyCode(code.toLowerCase(Locale.ROOT).equals("?") ? "b1" : code);
            if (dtype == null) {
                throw new BadInputException(file, where + "the .npy dtype '" + descr + "' is not supported (numeric,"
                    + " bool and text arrays)");
            }
            return new Header(descr, kind, dtype, dtype.itemSize(), order, fortran, shape);
        }
    }
}
