package org.ambidex.io.torch;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ambidex.io.NdArray;

/**
 * Writes plain values as a protocol 2 pickle, the protocol {@code torch.save} uses: dicts, lists, strings,
 * integers, floats, booleans, None, bytes, TorchScript integer lists ({@code long[]}) and custom-class objects
 * ({@link ScriptObject}), and tensors through a callback that writes their rebuild call.
 */
final class PickleEmitter {

    private static final int BATCH = 1000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Function<NdArray, byte[]> tensorWriter;

    /** {@code tensorWriter} gives the opcodes that rebuild a tensor (with its persistent id). */
    PickleEmitter(Function<NdArray, byte[]> tensorWriter) {
        this.tensorWriter = tensorWriter;
    }

    byte[] pickle(Object root) {
        out.write(0x80);
        out.write(2);
        value(root);
        out.write('.');
        return out.toByteArray();
    }

    void value(Object v) {
        if (v == null) {
            out.write('N');
        } else if (v instanceof Boolean b) {
            out.write(b ? 0x88 : 0x89);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            integer(((Number) v).longValue());
        } else if (v instanceof BigInteger big) {
            byte[] be = big.toByteArray();
            if (be.length > 255) {
                throw new IllegalArgumentException("integer too large to save: " + big);
            }
            out.write(0x8a);
            out.write(be.length);
            for (int i = be.length - 1; i >= 0; i--) {
                out.write(be[i]);
            }
        } else if (v instanceof Double || v instanceof Float) {
            out.write('G');
            long bits = Double.doubleToLongBits(((Number) v).doubleValue());
            for (int i = 7; i >= 0; i--) {
                out.write((int) (bits >>> (8 * i)) & 0xff);
            }
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof byte[] bytes) {
            // Protocol 2 has no bytes opcode: Python 3 writes _codecs.encode(text, 'latin1').
            global("_codecs", "encode");
            string(new String(bytes, StandardCharsets.ISO_8859_1));
            string("latin1");
            out.write(0x86);
            out.write('R');
        } else if (v instanceof long[] ints) {
            // TorchScript's typed integer list (a plain list would unpickle as a list of anything).
            global("torch.jit._pickle", "build_intlist");
            out.write('(');
            value(Arrays.stream(ints).boxed().toList());
            out.write('t');
            out.write('R');
        } else if (v instanceof ScriptObject o) {
            int dot = o.qualifiedClass().lastIndexOf('.');
            global(o.qualifiedClass().substring(0, dot), o.qualifiedClass().substring(dot + 1));
            out.write(')');
            out.write(0x81);
            tuple(o.state());
            out.write('b');
        } else if (v instanceof NdArray a) {
            out.writeBytes(tensorWriter.apply(a));
        } else if (v instanceof Map<?, ?> m) {
            boolean stateDict = !m.isEmpty() && m.values().stream().allMatch(x -> x instanceof NdArray);
            if (stateDict) {
                global("collections", "OrderedDict");
                out.write(')');
                out.write('R');
            } else {
                out.write('}');
            }
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                out.write('(');
                for (int n = 0; n < BATCH && it.hasNext(); n++) {
                    Map.Entry<?, ?> e = it.next();
                    if (!(e.getKey() instanceof String || e.getKey() instanceof Long || e.getKey() instanceof Integer)) {
                        throw new IllegalArgumentException("dictionary key " + e.getKey() + " is neither a string nor an integer");
                    }
                    value(e.getKey());
                    value(e.getValue());
                }
                out.write('u');
            }
        } else if (v instanceof List<?> l) {
            out.write(']');
            for (int from = 0; from < l.size(); from += BATCH) {
                out.write('(');
                for (Object item : l.subList(from, Math.min(l.size(), from + BATCH))) {
                    value(item);
                }
                out.write('e');
            }
        } else {
            throw new IllegalArgumentException("cannot save a " + v.getClass().getSimpleName() + " in a checkpoint");
        }
    }

    /** A tuple of {@code items} (a list has its own opcode; a tuple is MARK, items, TUPLE). */
    void tuple(List<?> items) {
        out.write('(');
        for (Object item : items) {
            value(item);
        }
        out.write('t');
    }

    void integer(long v) {
        if (v >= 0 && v < 256) {
            out.write('K');
            out.write((int) v);
        } else if (v >= 0 && v < 65536) {
            out.write('M');
            out.write((int) v & 0xff);
            out.write((int) (v >>> 8));
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >>> (8 * i)) & 0xff);
            }
        } else {
            value(BigInteger.valueOf(v));
        }
    }

    void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        for (int i = 0; i < 4; i++) {
            out.write((b.length >>> (8 * i)) & 0xff);
        }
        out.writeBytes(b);
    }

    void global(String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Direct access for the tensor writer: raw opcodes. */
    void raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
    }

    byte[] drain() {
        byte[] b = out.toByteArray();
        out.reset();
        return b;
    }
}
