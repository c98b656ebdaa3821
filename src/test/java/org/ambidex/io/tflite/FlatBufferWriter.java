package org.ambidex.io.tflite;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small FlatBuffers writer for tests: tables of scalars, strings, vectors and sub-tables, laid out front to
 * back (each object after the one that refers to it, so every offset is positive) with the alignment the
 * FlatBuffers verifier of the TFLite runtime checks: 4-byte tables and vectors, 16-byte buffer data.
 */
public final class FlatBufferWriter {

    /** A table under construction: field id to value. */
    public static final class Table {
        private final Map<Integer, Object> fields = new TreeMap<>();

        public Table i8(int id, int value) {
            fields.put(id, new Scalar(1, value));
            return this;
        }

        public Table bool(int id, boolean value) {
            return i8(id, value ? 1 : 0);
        }

        public Table i32(int id, int value) {
            fields.put(id, new Scalar(4, value));
            return this;
        }

        public Table table(int id, Table value) {
            fields.put(id, value);
            return this;
        }

        public Table tables(int id, List<Table> value) {
            fields.put(id, new Tables(List.copyOf(value)));
            return this;
        }

        public Table ints(int id, int... value) {
            fields.put(id, new Ints(value.clone()));
            return this;
        }

        /** A byte vector whose data starts on a 16-byte boundary (TFLite's buffers). */
        public Table bytes(int id, byte[] value) {
            fields.put(id, new Bytes(value.clone()));
            return this;
        }

        public Table string(int id, String value) {
            fields.put(id, new Text(value));
            return this;
        }
    }

    private record Scalar(int size, int value) {
    }

    private record Tables(List<Table> tables) {
    }

    private record Ints(int[] values) {
    }

    private record Bytes(byte[] values) {
    }

    private record Text(String value) {
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private byte[] patched;

    private FlatBufferWriter() {
    }

    /** The bytes of a buffer whose root is {@code root}, with the 4-character {@code identifier}. */
    public static byte[] finish(Table root, String identifier) {
        FlatBufferWriter w = new FlatBufferWriter();
        w.int32(0);
        w.out.writeBytes(identifier.getBytes(StandardCharsets.US_ASCII));
        List<int[]> patches = new ArrayList<>();
        int at = w.table(root, patches);
        w.patched = w.out.toByteArray();
        w.put(0, at);
        for (int[] p : patches) {
            w.put(p[0], p[1] - p[0]);
        }
        return w.patched;
    }

    /** Writes {@code t} (vtable, then table, then its children); returns the table's position. */
    private int table(Table t, List<int[]> patches) {
        int maxId = t.fields.isEmpty() ? -1 : ((TreeMap<Integer, Object>) t.fields).lastKey();
        int vsize = 4 + 2 * (maxId + 1);
        // Four-byte fields first, then bytes: every field stays aligned in a 4-aligned table.
        List<Integer> order = new ArrayList<>();
        t.fields.forEach((id, v) -> {
            if (!(v instanceof Scalar s) || s.size() == 4) {
                order.add(id);
            }
        });
        t.fields.forEach((id, v) -> {
            if (v instanceof Scalar s && s.size() == 1) {
                order.add(id);
            }
        });
        int[] offset = new int[maxId + 1];
        int inline = 4;
        for (int id : order) {
            offset[id] = inline;
            inline += t.fields.get(id) instanceof Scalar s ? s.size() : 4;
        }
        inline = (inline + 3) & ~3;
        while ((out.size() + vsize) % 4 != 0) {
            out.write(0);
        }
        int vtable = out.size();
        int16(vsize);
        int16(inline);
        for (int id = 0; id <= maxId; id++) {
            int16(offset[id]);
        }
        int tablePos = out.size();
        int32(tablePos - vtable);
        List<Object[]> children = new ArrayList<>();
        for (int id : order) {
            Object v = t.fields.get(id);
            if (v instanceof Scalar s) {
                if (s.size() == 4) {
                    int32(s.value());
                } else {
                    out.write(s.value());
                }
            } else {
                children.add(new Object[] {out.size(), v});
                int32(0);
            }
        }
        while (out.size() < tablePos + inline) {
            out.write(0);
        }
        for (Object[] c : children) {
            patches.add(new int[] {(int) c[0], object(c[1], patches)});
        }
        return tablePos;
    }

    private int object(Object v, List<int[]> patches) {
        if (v instanceof Table t) {
            return table(t, patches);
        }
        if (v instanceof Ints i) {
            align(4, 0);
            int at = out.size();
            int32(i.values().length);
            for (int x : i.values()) {
                int32(x);
            }
            return at;
        }
        if (v instanceof Bytes b) {
            align(16, 4);
            int at = out.size();
            int32(b.values().length);
            out.writeBytes(b.values());
            return at;
        }
        if (v instanceof Text s) {
            align(4, 0);
            int at = out.size();
            byte[] text = s.value().getBytes(StandardCharsets.UTF_8);
            int32(text.length);
            out.writeBytes(text);
            out.write(0);
            return at;
        }
        Tables ts = (Tables) v;
        align(4, 0);
        int at = out.size();
        int32(ts.tables().size());
        int first = out.size();
        for (int i = 0; i < ts.tables().size(); i++) {
            int32(0);
        }
        for (int i = 0; i < ts.tables().size(); i++) {
            patches.add(new int[] {first + 4 * i, table(ts.tables().get(i), patches)});
        }
        return at;
    }

    /** Pads so that the position plus {@code skip} is a multiple of {@code alignment}. */
    private void align(int alignment, int skip) {
        while ((out.size() + skip) % alignment != 0) {
            out.write(0);
        }
    }

    private void int16(int v) {
        out.write(v & 0xff);
        out.write(v >>> 8 & 0xff);
    }

    private void int32(int v) {
        int16(v & 0xffff);
        int16(v >>> 16);
    }

    private void put(int at, int v) {
        for (int k = 0; k < 4; k++) {
            patched[at + k] = (byte) (v >>> 8 * k);
        }
    }
}
