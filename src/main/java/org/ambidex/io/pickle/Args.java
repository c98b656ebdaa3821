package org.ambidex.io.pickle;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ambidex.io.NdArray;

/** Checks and conversions of the arguments and states that allow-listed globals receive. */
final class Args {

    private Args() {
    }

    static void count(List<Object> args, int n, String what) {
        if (args.size() != n) {
            throw new PickleException(what + " takes " + n + " arguments, got " + args.size());
        }
    }

    static void atLeast(List<Object> args, int n, String what) {
        if (args.size() < n) {
            throw new PickleException(what + " takes at least " + n + " arguments, got " + args.size());
        }
    }

    /**
     * Raw bytes from Python 3 {@code bytes}/{@code bytearray} or a Python 2 string read as Latin-1 (each
     * character is one byte).
     */
    static byte[] bytes(Object value, String what) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > 0xff) {
                    throw new PickleException(what + " is a text string with characters beyond Latin-1, expected bytes");
                }
            }
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new PickleException(what + " is " + typeName(value) + ", expected bytes");
    }

    static long integer(Object value, String what) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof NdArray a && a.ndim() == 0 && !a.dtype().isFloating() && !a.dtype().isComplex()) {
            return a.getLong(0);
        }
        if (value instanceof BigInteger) {
            throw new PickleException(what + " " + value + " is out of range");
        }
        throw new PickleException(what + " is " + typeName(value) + ", expected an integer");
    }

    static int dimension(Object value, String what) {
        long v = integer(value, what);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new PickleException(what + " has a dimension " + v + " out of range");
        }
        return (int) v;
    }

    static int[] shape(Object value, String what) {
        if (!(value instanceof List<?> dims)) {
            throw new PickleException(what + " is " + typeName(value) + ", expected a tuple of dimensions");
        }
        if (dims.size() > 64) {
            throw new PickleException(what + " has " + dims.size() + " dimensions, more than an array may have");
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dimension(dims.get(i), what);
        }
        return shape;
    }

    static long[] longs(Object value, String what) {
        if (!(value instanceof List<?> items)) {
            throw new PickleException(what + " is " + typeName(value) + ", expected a tuple of integers");
        }
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(items.get(i), what);
        }
        return out;
    }

    static boolean truth(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Long l) {
            return l != 0;
        }
        return value != null;
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> dict(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new PickleException(what + " is " + typeName(value) + ", expected a dict");
    }

    /** A Python-like type name of a reader value, for messages. */
    static String typeName(Object value) {
        return PyTypeName.of(value);
    }
}
