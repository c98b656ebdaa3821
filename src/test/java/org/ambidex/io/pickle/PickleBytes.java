package org.ambidex.io.pickle;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Assembles pickles opcode by opcode, so tests know every byte (no Python needed). */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static PickleBytes proto(int protocol) {
        return new PickleBytes().op(0x80, protocol);
    }

    static PickleBytes text() {
        return new PickleBytes();
    }

    PickleBytes op(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    /** Protocol 0 text: the characters as ASCII. */
    PickleBytes ascii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    PickleBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** BINUNICODE. */
    PickleBytes unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X').le(b.length, 4);
        return raw(b);
    }

    /** SHORT_BINUNICODE. */
    PickleBytes shortUnicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op(0x8c, b.length).raw(b);
    }

    /** SHORT_BINSTRING (Python 2 str). */
    PickleBytes py2(String latin1) {
        byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return op('U', b.length).raw(b);
    }

    /** BINSTRING (Python 2 str, 4-byte length). */
    PickleBytes py2Long(byte[] b) {
        op('T').le(b.length, 4);
        return raw(b);
    }

    /** SHORT_BINBYTES. */
    PickleBytes shortBytes(byte[] b) {
        return op('C', b.length).raw(b);
    }

    PickleBytes int1(int v) {
        return op('K', v);
    }

    PickleBytes binint(int v) {
        op('J');
        return le(v, 4);
    }

    PickleBytes binfloat(double v) {
        op('G');
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(v).array());
        return this;
    }

    /** GLOBAL module\nname\n. */
    PickleBytes global(String module, String name) {
        return op('c').ascii(module + "\n" + name + "\n");
    }

    /** A numpy dtype: numpy.dtype(code, False, True) with state (3, order, None, None, None, -1, -1, 0). */
    PickleBytes dtype(String code, String order) {
        global("numpy", "dtype").shortUnicode(code).op(0x89, 0x88, 0x87, 'R');
        return op('(').int1(3).shortUnicode(order).op('N', 'N', 'N').binint(-1).binint(-1).int1(0).op('t', 'b');
    }

    PickleBytes le(long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    PickleBytes stop() {
        return op('.');
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    Object read() {
        return PickleReader.read(bytes(), "test.pkl");
    }
}
