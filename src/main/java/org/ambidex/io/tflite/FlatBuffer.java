package org.ambidex.io.tflite;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.core.BadInputException;

/**
 * Bounds-checked reads of a FlatBuffers binary held in a byte array (little-endian, as TFLite writes it): tables
 * through their vtables, scalars, vectors and strings. Every offset and length is checked against the array
 * before it is followed or allocated for, so a truncated or lying file is refused with one line naming the part
 * being read; an allocation is never larger than the bytes that back it.
 */
final class FlatBuffer {

    private final byte[] bytes;
    private final Refusal refusal;

    FlatBuffer(byte[] bytes, Refusal refusal) {
        this.bytes = bytes;
        this.refusal = refusal;
    }

    int length() {
        return bytes.length;
    }

    byte[] bytes() {
        return bytes;
    }

    /** The four file-identifier bytes after the root offset, or "" when the file is shorter than 8 bytes. */
    String identifier() {
        return bytes.length < 8 ? "" : new String(bytes, 4, 4, StandardCharsets.ISO_8859_1);
    }

    /** The root table, whose offset is the file's first four bytes. */
    Table root(String what) {
        check(0, 4, what);
        return table(u32(0), what);
    }

    /** The table at byte {@code pos}: its vtable and inline size are checked here. */
    Table table(long pos, String what) {
        check(pos, 4, what);
        int at = (int) pos;
        long vtable = at - (long) i32(at);
        check(vtable, 4, what + " (vtable)");
        int vsize = u16((int) vtable);
        int inline = u16((int) vtable + 2);
        if (vsize < 4 || (vsize & 1) != 0) {
            throw bad(what + " has a vtable of " + vsize + " bytes");
        }
        check(vtable, vsize, what + " (vtable)");
        if (inline < 4) {
            throw bad(what + " has an inline size of " + inline + " bytes");
        }
        check(at, inline, what);
        return new Table(at, (int) vtable, vsize, inline, what);
    }

    /** How this file's problems are reported. */
    Refusal refusal() {
        return refusal;
    }

    /** The refusal of a file whose bytes do not form a FlatBuffer: {@code message} says where. */
    BadInputException bad(String message) {
        return refusal.because("is not a valid TFLite file: " + message);
    }

    private void check(long pos, long size, String what) {
        if (pos < 0 || size < 0 || pos + size > bytes.length) {
            throw bad(what + " lies outside the file (bytes " + pos + " to " + (pos + size) + " of " + bytes.length
                + ")");
        }
    }

    private int u8(int at) {
        return bytes[at] & 0xff;
    }

    private int u16(int at) {
        return u8(at) | u8(at + 1) << 8;
    }

    private int i32(int at) {
        return u16(at) | u16(at + 2) << 16;
    }

    private long u32(int at) {
        return i32(at) & 0xffffffffL;
    }

    private long i64(int at) {
        return u32(at) | (long) i32(at + 4) << 32;
    }

    /** A range of the file: {@code count} elements starting at byte {@code start}. */
    record Span(int start, int count) {
    }

    /** One table: field {@code id} is the id-th field of its schema declaration (union types count as one). */
    final class Table {
        private final int pos;
        private final int vtable;
        private final int vsize;
        private final int inline;
        private final String what;

        private Table(int pos, int vtable, int vsize, int inline, String what) {
            this.pos = pos;
            this.vtable = vtable;
            this.vsize = vsize;
            this.inline = inline;
            this.what = what;
        }

        String what() {
            return what;
        }

        /** Whether field {@code id} is stored (absent fields take their schema default). */
        boolean has(int id) {
            return slot(id) != 0;
        }

        /** The byte of field {@code id} inside the table, checked to hold {@code width} bytes; 0 when absent. */
        private int field(int id, int width) {
            int off = slot(id);
            if (off == 0) {
                return 0;
            }
            if (off + width > inline) {
                throw bad(what + " field " + id + " lies outside its table");
            }
            return pos + off;
        }

        private int slot(int id) {
            int entry = 4 + 2 * id;
            return entry + 2 > vsize ? 0 : u16(vtable + entry);
        }

        int u8(int id, int fallback) {
            int at = field(id, 1);
            return at == 0 ? fallback : FlatBuffer.this.u8(at);
        }

        int i8(int id, int fallback) {
            int at = field(id, 1);
            return at == 0 ? fallback : bytes[at];
        }

        boolean bool(int id, boolean fallback) {
            int at = field(id, 1);
            return at == 0 ? fallback : bytes[at] != 0;
        }

        int i32(int id, int fallback) {
            int at = field(id, 4);
            return at == 0 ? fallback : FlatBuffer.this.i32(at);
        }

        long u32(int id, long fallback) {
            int at = field(id, 4);
            return at == 0 ? fallback : FlatBuffer.this.u32(at);
        }

        long i64(int id, long fallback) {
            int at = field(id, 8);
            return at == 0 ? fallback : FlatBuffer.this.i64(at);
        }

        /** The sub-table of field {@code id}, or {@code null} when absent. */
        Table table(int id, String name) {
            int at = field(id, 4);
            return at == 0 ? null : FlatBuffer.this.table(at + FlatBuffer.this.u32(at), what + " " + name);
        }

        /** The vector of field {@code id} with elements of {@code width} bytes, or {@code null} when absent. */
        Span vector(int id, int width, String name) {
            int at = field(id, 4);
            if (at == 0) {
                return null;
            }
            long start = at + FlatBuffer.this.u32(at);
            String label = what + " " + name;
            check(start, 4, label);
            long count = FlatBuffer.this.u32((int) start);
            check(start + 4, count * width, label);
            return new Span((int) start + 4, (int) count);
        }

        /** The int32 vector of field {@code id}; empty when absent. */
        int[] ints(int id, String name) {
            Span s = vector(id, 4, name);
            if (s == null) {
                return new int[0];
            }
            int[] out = new int[s.count()];
            for (int i = 0; i < out.length; i++) {
                out[i] = FlatBuffer.this.i32(s.start() + 4 * i);
            }
            return out;
        }

        /**
         * The vector of field {@code id} as ints, its elements {@code width} bytes each: 1 and 2 unsigned, 4 signed;
         * empty when absent.
         */
        int[] ints(int id, int width, String name) {
            if (width == 4) {
                return ints(id, name);
            }
            Span s = vector(id, width, name);
            int[] out = new int[s == null ? 0 : s.count()];
            for (int i = 0; i < out.length; i++) {
                out[i] = width == 1 ? FlatBuffer.this.u8(s.start() + i) : FlatBuffer.this.u16(s.start() + 2 * i);
            }
            return out;
        }

        /** The number of elements of vector field {@code id} ({@code width} bytes each); 0 when absent. */
        int count(int id, int width, String name) {
            Span s = vector(id, width, name);
            return s == null ? 0 : s.count();
        }

        /** The string of field {@code id} (UTF-8), or {@code null} when absent. */
        String string(int id, String name) {
            Span s = vector(id, 1, name);
            if (s == null) {
                return null;
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, s.start(), s.count())).toString();
            } catch (CharacterCodingException e) {
                throw bad(what + " " + name + " is not UTF-8 text");
            }
        }

        /** The tables of vector field {@code id}, each labelled {@code name} and its index; empty when absent. */
        List<Table> tables(int id, String name) {
            Span s = vector(id, 4, name);
            List<Table> out = new ArrayList<>(s == null ? 0 : s.count());
            for (int i = 0; s != null && i < s.count(); i++) {
                int at = s.start() + 4 * i;
                out.add(FlatBuffer.this.table(at + FlatBuffer.this.u32(at), what + " " + name + " " + i));
            }
            return out;
        }
    }
}
