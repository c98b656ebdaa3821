package org.ambidex.nets.intaghand;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link HandGraphs} as the graph pickles IntagHand's {@code misc} folder holds, for tests that need the
 * files without Python: a dictionary with {@code coarsen_graphs_L} (scipy csr matrices, finest first, as
 * {@code build_graph} lists them; only the three levels a {@link HandGraphs} holds) and {@code graph_perm} (a list
 * of ints). Arrays are pickled as NumPy 2 does with protocol 5 ({@code numpy._core.numeric._frombuffer}).
 */
public final class GraphPickles {

    private GraphPickles() {
    }

    /** Writes {@code graph_left.pkl} and {@code graph_right.pkl} into {@code folder} (created if needed). */
    public static void write(Path folder, HandGraphs left, HandGraphs right) {
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve("graph_left.pkl"), pickle(left));
            Files.write(folder.resolve("graph_right.pkl"), pickle(right));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pickle(HandGraphs g) {
        Out o = new Out();
        o.op(0x80).op(3);
        o.op('}').op('(');
        o.str("coarsen_graphs_L");
        o.op(']').op('(');
        for (int level = 2; level >= 0; level--) {
            csr(o, g.laplacians()[level], g.nodes()[level]);
        }
        o.op('e');
        o.str("graph_perm");
        o.op(']').op('(');
        for (int p : g.perm()) {
            o.integer(p);
        }
        o.op('e');
        o.op('u').op('.');
        return o.bytes.toByteArray();
    }

    private static void csr(Out o, float[] dense, int n) {
        int nnz = 0;
        for (float v : dense) {
            if (v != 0) {
                nnz++;
            }
        }
        ByteBuffer data = ByteBuffer.allocate(4 * nnz).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer indices = ByteBuffer.allocate(4 * nnz).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer indptr = ByteBuffer.allocate(4 * (n + 1)).order(ByteOrder.LITTLE_ENDIAN);
        int k = 0;
        indptr.putInt(0);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                float v = dense[r * n + c];
                if (v != 0) {
                    data.putFloat(v);
                    indices.putInt(c);
                    k++;
                }
            }
            indptr.putInt(k);
        }
        o.global("scipy.sparse._csr", "csr_matrix").op(')').op(0x81);
        o.op('}').op('(');
        o.str("_shape").integer(n).integer(n).op(0x86);
        o.str("data");
        array(o, data.array(), "f4", nnz);
        o.str("indices");
        array(o, indices.array(), "i4", nnz);
        o.str("indptr");
        array(o, indptr.array(), "i4", n + 1);
        o.op('u').op('b');
    }

    private static void array(Out o, byte[] raw, String dtype, int length) {
        o.global("numpy._core.numeric", "_frombuffer").op('(');
        o.op('B').int32(raw.length).raw(raw);
        o.global("numpy", "dtype").str(dtype).op(0x89).op(0x88).op(0x87).op('R');
        o.op('(').integer(3).str("<").op('N').op('N').op('N').integer(-1).integer(-1).integer(0).op('t').op('b');
        o.integer(length).op(0x85);
        o.str("C");
        o.op('t').op('R');
    }

    /** Pickle opcodes into a byte buffer. */
    private static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Out op(int code) {
            bytes.write(code);
            return this;
        }

        Out raw(byte[] b) {
            bytes.writeBytes(b);
            return this;
        }

        Out int32(int v) {
            return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        Out integer(int v) {
            return op('J').int32(v);
        }

        Out str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return op('X').int32(b.length).raw(b);
        }

        Out global(String module, String name) {
            return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }
}
