package org.ambidex.cli;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npy;
import org.ambidex.io.numpy.Npz;
import org.ambidex.io.numpy.TextArray;
import org.ambidex.io.pickle.ObjectArray;
import org.ambidex.io.pickle.PickleReader;
import org.ambidex.io.pickle.PyComplex;
import org.ambidex.io.pickle.SparseMatrix;
import org.ambidex.io.tflite.TfliteMetadata;
import org.ambidex.io.tflite.TfliteModel;
import org.ambidex.io.tflite.TfliteTensor;
import org.ambidex.io.torch.Checkpoints;

/**
 * The content of a file for {@code ambidex inspect}: its arrays (numeric arrays, tensors and sparse matrices)
 * by dotted name, and its other entries (numbers, strings, text arrays) by dotted name, in file order. A TFLite
 * model's arrays are its constant tensors, and the model itself is kept for its tensor and op tables.
 */
final class Inspection {

    /** An array or tensor; sparse matrices are shown dense, with their format. */
    record ArrayEntry(String name, NdArray array, String sparseFormat) {
        String dtypeLabel() {
            return array.dtype().displayName() + (sparseFormat == null ? "" : " (" + sparseFormat + ")");
        }
    }

    /** A value that is not an array. */
    record OtherEntry(String name, Object value) {
        String text() {
            String t = describe(value);
            return t.length() > 100 ? t.substring(0, 97) + "..." : t;
        }

        Object jsonValue() {
            if (value instanceof String || value instanceof Boolean || value instanceof Long || value == null
                || value instanceof BigInteger) {
                return value;
            }
            if (value instanceof Double d) {
                return Double.isFinite(d) ? d : d.toString();
            }
            if (value instanceof byte[] b) {
                return Map.of("bytes_base64", Base64.getEncoder().encodeToString(b));
            }
            if (value instanceof TextArray t) {
                return t.elements();
            }
            return describe(value);
        }
    }

    /** PROTO 2, LONG1 of 10 bytes: PyTorch's legacy magic number 0x1950a86a20f9469cfc6c, little-endian. */
    private static final byte[] LEGACY_SIGNATURE = {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c,
        0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    /** Sparse matrices up to this many cells are summarised dense (zeros included). */
    private static final long MAX_DENSE_CELLS = 16L << 20;

    private final String kind;
    private TfliteModel tflite;
    private final List<ArrayEntry> arrays = new ArrayList<>();
    private final List<OtherEntry> others = new ArrayList<>();
    private final Path file;

    private Inspection(Path file, String kind) {
        this.file = file;
        this.kind = kind;
    }

    static Inspection of(Path file, boolean allowObjectArrays) {
        String kind = kindOf(file);
        Inspection inspection = new Inspection(file, kind);
        if (kind.equals(TFLITE)) {
            inspection.readTflite(TfliteModel.read(file));
            return inspection;
        }
        Object content = switch (kind) {
            case "numpy .npy" -> Npy.readAny(file, allowObjectArrays);
            case "numpy .npz" -> Npz.readAll(file, allowObjectArrays);
            case "pytorch checkpoint (zip)", "pytorch checkpoint (legacy)" -> Checkpoints.readObject(file);
            default -> PickleReader.read(file, allowObjectArrays);
        };
        inspection.walk(content);
        return inspection;
    }

    String kind() {
        return kind;
    }

    /** The model when the file is a TFLite model, else {@code null}. */
    TfliteModel tflite() {
        return tflite;
    }

    /** A TFLite model's constants are its arrays; its description, version and metadata its other entries. */
    private void readTflite(TfliteModel model) {
        tflite = model;
        for (TfliteTensor t : model.tensors()) {
            if (t.constant()) {
                arrays.add(new ArrayEntry(t.name(), model.constant(t.index()), null));
            }
        }
        others.add(new OtherEntry("schema_version", (long) model.schemaVersion()));
        others.add(new OtherEntry("description", model.description()));
        for (TfliteMetadata m : model.metadata()) {
            others.add(new OtherEntry("metadata." + m.name(), m.text()));
        }
    }

    List<ArrayEntry> arrays() {
        return arrays;
    }

    List<OtherEntry> others() {
        return others;
    }

    NdArray array(String name) {
        for (ArrayEntry a : arrays) {
            if (a.name().equals(name)) {
                return a.array();
            }
        }
        throw InspectCommand.noSuchArray(file, name, arrays.stream().map(ArrayEntry::name).toList());
    }

    /**
     * Depth-first over dicts and lists, in order, without recursion (pickles may nest deeply). A pickle's memo lets
     * one list or dict appear many times, even inside itself: each is walked once, where it is first met, and
     * later meetings are listed as references to that name, so a cycle ends and a shared graph costs its size,
     * not the number of its paths.
     */
    private void walk(Object root) {
        Map<Object, String> visited = new IdentityHashMap<>();
        Deque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {"", root});
        while (!work.isEmpty()) {
            Object[] item = work.pop();
            String name = (String) item[0];
            Object value = item[1];
            if ((value instanceof Map || value instanceof List) && visited.containsKey(value)) {
                others.add(new OtherEntry(name.isEmpty() ? "value" : name, new SeenAbove(visited.get(value))));
                continue;
            }
            if (value instanceof Map || value instanceof List) {
                visited.put(value, name.isEmpty() ? "value" : name);
            }
            if (value instanceof NdArray a) {
                arrays.add(new ArrayEntry(name.isEmpty() ? "array" : name, a, null));
            } else if (value instanceof SparseMatrix m) {
                if ((long) m.rowCount() * m.colCount() <= MAX_DENSE_CELLS) {
                    arrays.add(new ArrayEntry(name, m.toDense(), m.format().scipyName() + " sparse, nnz " + m.nnz()));
                } else {
                    // Too large to show dense: its stored values stand in for it.
                    arrays.add(new ArrayEntry(name + " (stored values of " + m.rowCount() + "x" + m.colCount() + ")",
                        m.values(), m.format().scipyName() + " sparse, nnz " + m.nnz()));
                }
            } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                List<Object[]> children = new ArrayList<>();
                map.forEach((k, v) -> children.add(new Object[] {join(name, keyText(k)), v}));
                pushReversed(work, children);
            } else if (value instanceof List<?> list && !list.isEmpty() && list.size() <= 10_000
                && list.stream().anyMatch(Inspection::isContainerOrArray)) {
                List<Object[]> children = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    children.add(new Object[] {join(name, Integer.toString(i)), list.get(i)});
                }
                pushReversed(work, children);
            } else {
                others.add(new OtherEntry(name.isEmpty() ? "value" : name, value));
            }
        }
    }

    private static boolean isContainerOrArray(Object v) {
        return v instanceof Map || v instanceof List || v instanceof NdArray || v instanceof SparseMatrix;
    }

    private static void pushReversed(Deque<Object[]> work, List<Object[]> children) {
        for (int i = children.size() - 1; i >= 0; i--) {
            work.push(children.get(i));
        }
    }

    private static String keyText(Object key) {
        return key instanceof String s ? s : describe(key);
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** A dict or list met again: the entry it was first listed under. */
    record SeenAbove(String firstName) {
        @Override
        public String toString() {
            return "the same object as " + firstName;
        }
    }

    /** Lists nested deeper than this are shown as {@code [...]}, so a list that holds itself still ends. */
    private static final int DESCRIBE_DEPTH = 3;

    static String describe(Object value) {
        return describe(value, 0);
    }

    private static String describe(Object value, int depth) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double d) {
            return Double.toString(d);
        }
        if (value instanceof byte[] b) {
            return "bytes (" + b.length + ")";
        }
        if (value instanceof PyComplex c) {
            return "complex(" + c.real() + ", " + c.imaginary() + ")";
        }
        if (value instanceof TextArray t) {
            return t.elements().size() == 1 ? "text '" + t.elements().get(0) + "'" : "text array "
                + java.util.Arrays.toString(t.shape());
        }
        if (value instanceof ObjectArray o) {
            return "object array " + java.util.Arrays.toString(o.shape());
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty() ? "{}" : "dict (" + m.size() + ")";
        }
        if (value instanceof Set<?> s) {
            return "set (" + s.size() + ")";
        }
        if (value instanceof List<?> l) {
            if (depth >= DESCRIBE_DEPTH && !l.isEmpty()) {
                return "[...]";
            }
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                if (b.length() > 100) {
                    b.append(", ...");
                    break;
                }
                b.append(i == 0 ? "" : ", ").append(describe(l.get(i), depth + 1));
            }
            return b.append(']').toString();
        }
        return String.valueOf(value);
    }

    static final String TFLITE = "tflite model";

    private static String kindOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such file", e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the file (" + e.getMessage() + ")", e);
        }
        if (head.length == 0) {
            throw new BadInputException(file, "the file is empty");
        }
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        boolean npy = head.length >= 6 && (head[0] & 0xff) == 0x93 && head[1] == 'N';
        boolean tfl3 = head.length >= 8 && head[4] == 'T' && head[5] == 'F' && head[6] == 'L' && head[7] == '3';
        if (tfl3 || name.endsWith(".tflite")) {
            return TFLITE; // the reader says why a .tflite file is not one
        }
        if (npy) {
            return "numpy .npy";
        }
        if (zip) {
            return name.endsWith(".npz") ? "numpy .npz" : "pytorch checkpoint (zip)";
        }
        if (head.length >= LEGACY_SIGNATURE.length
            && java.util.Arrays.equals(head, 0, LEGACY_SIGNATURE.length, LEGACY_SIGNATURE, 0, LEGACY_SIGNATURE.length)) {
            return "pytorch checkpoint (legacy)";
        }
        if (name.endsWith(".pkl") || name.endsWith(".pickle")) {
            return "python pickle";
        }
        if (name.endsWith(".npy") || name.endsWith(".npz")) {
            throw new BadInputException(file, "is not a NumPy file (wrong magic bytes)");
        }
        if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".tar") || name.endsWith(".pts")
            || name.endsWith(".t7") || name.endsWith(".ckpt")) {
            Checkpoints.container(file); // says why it is not a checkpoint
            return "pytorch checkpoint (legacy)";
        }
        return "python pickle";
    }

}
