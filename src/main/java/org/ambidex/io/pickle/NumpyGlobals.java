package org.ambidex.io.pickle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ambidex.io.NdArray;

/**
 * NumPy's pickle entry points: {@code _reconstruct} with the array state, {@code dtype}, {@code scalar}
 * and protocol 5's {@code _frombuffer}, under the numpy 1 ({@code numpy.core}) and numpy 2
 * ({@code numpy._core}) module names.
 */
final class NumpyGlobals {

    private NumpyGlobals() {
    }

    static void register(Map<String, PyGlobal> globals, boolean allowObjectArrays) {
        for (String core : List.of("numpy.core", "numpy._core")) {
            put(globals, new Simple(core + ".multiarray", "_reconstruct", args -> reconstruct(args, allowObjectArrays)));
            put(globals, new Simple(core + ".multiarray", "scalar", NumpyGlobals::scalar));
            put(globals, new Simple(core + ".numeric", "_frombuffer", NumpyGlobals::fromBuffer));
        }
        put(globals, new ClassToken("numpy", "ndarray"));
        put(globals, new Simple("numpy", "dtype", NumpyGlobals::dtype));
    }

    private static void put(Map<String, PyGlobal> globals, PyGlobal g) {
        globals.put(g.qualifiedName(), g);
    }

    /** {@code _reconstruct(ndarray, (0,), b'b')}: an empty array whose state follows in {@code BUILD}. */
    private static Object reconstruct(List<Object> args, boolean allowObjectArrays) {
        Args.count(args, 3, "numpy _reconstruct");
        if (!(args.get(0) instanceof ClassToken t) || !t.qualifiedName().equals("numpy.ndarray")) {
            throw new PickleException("numpy _reconstruct of " + Args.typeName(args.get(0)) + " (only numpy.ndarray)");
        }
        return new PendingArray(allowObjectArrays);
    }

    /** {@code dtype('f8', False, True)}; the byte order follows in {@code BUILD}. */
    private static Object dtype(List<Object> args) {
        if (args.isEmpty() || !(args.get(0) instanceof String code)) {
            throw new PickleException("numpy dtype without a type code");
        }
        return new PendingDType(NumpyDType.parse(code));
    }

    /** {@code scalar(dtype, bytes)}: a NumPy scalar, read as a 0-d array. */
    private static Object scalar(List<Object> args) {
        if (args.isEmpty() || !(args.get(0) instanceof NumpyDType type)) {
            throw new PickleException("numpy scalar without a dtype");
        }
        if (type.object()) {
            return args.size() > 1 ? args.get(1) : null;
        }
        Args.count(args, 2, "numpy scalar");
        byte[] data = Args.bytes(args.get(1), "numpy scalar data");
        if (data.length != type.dtype().itemSize()) {
            throw new PickleException("numpy " + type.describe() + " scalar with " + data.length + " bytes");
        }
        return NdArray.wrap(type.dtype(), new int[0], NdArray.Order.C, data, type.byteOrder());
    }

    /** Protocol 5: {@code _frombuffer(buffer, dtype, shape, order)}. */
    private static Object fromBuffer(List<Object> args) {
        Args.count(args, 4, "numpy _frombuffer");
        if (!(args.get(1) instanceof NumpyDType type) || type.object()) {
            throw new PickleException("numpy _frombuffer needs a numeric dtype, got " + Args.typeName(args.get(1)));
        }
        int[] shape = Args.shape(args.get(2), "numpy _frombuffer shape");
        String order = args.get(3) instanceof String s ? s : "C";
        byte[] data = Args.bytes(args.get(0), "numpy _frombuffer buffer");
        return array(type, shape, order.equals("F"), data);
    }

    static NdArray array(NumpyDType type, int[] shape, boolean fortran, byte[] data) {
        long count = 1;
        for (int d : shape) {
            count = Math.multiplyExact(count, d);
        }
        if (count * type.dtype().itemSize() != data.length) {
            throw new PickleException("numpy array of shape " + Arrays.toString(shape) + " and dtype " + type.describe()
                + " needs " + count * type.dtype().itemSize() + " bytes, its data has " + data.length);
        }
        return NdArray.wrap(type.dtype(), shape, fortran ? NdArray.Order.FORTRAN : NdArray.Order.C, data,
            type.byteOrder());
    }

    /** A dtype waiting for its {@code BUILD} state {@code (version, byteorder, ...)}. */
    private static final class PendingDType extends Pending {
        private final NumpyDType type;

        PendingDType(NumpyDType type) {
            this.type = type;
        }

        @Override
        protected Object build(Object state) {
            if (!(state instanceof List<?> s) || s.size() < 2 || !(s.get(1) instanceof String mark)) {
                throw new PickleException("numpy dtype state is not (version, byteorder, ...)");
            }
            if (s.size() >= 5 && (s.get(3) != null || s.get(4) != null)) {
                throw new PickleException("numpy structured dtypes are not supported");
            }
            return type.withByteOrder(mark);
        }

        @Override
        protected String describe() {
            return "numpy.dtype";
        }
    }

    /** An array waiting for its {@code BUILD} state {@code (version, shape, dtype, is_fortran, data)}. */
    private static final class PendingArray extends Pending {
        private final boolean allowObjectArrays;

        PendingArray(boolean allowObjectArrays) {
            this.allowObjectArrays = allowObjectArrays;
        }

        @Override
        protected Object build(Object state) {
            if (!(state instanceof List<?> s) || (s.size() != 5 && s.size() != 4)) {
                throw new PickleException("numpy array state is not (version, shape, dtype, is_fortran, data)");
            }
            int base = s.size() - 4;
            int[] shape = Args.shape(s.get(base), "numpy array shape");
            if (!(s.get(base + 1) instanceof NumpyDType type)) {
                throw new PickleException("numpy array state without a dtype");
            }
            boolean fortran = Args.truth(s.get(base + 2));
            Object data = s.get(base + 3);
            if (type.object()) {
                if (!allowObjectArrays) {
                    throw new PickleException("holds a numpy object array, refused unless object arrays are allowed"
                        + " (inspect: --allow-object-arrays)");
                }
                if (!(data instanceof List<?> items)) {
                    throw new PickleException("numpy object array without a list of elements");
                }
                long count = 1;
                for (int d : shape) {
                    count = Math.multiplyExact(count, d);
                }
                if (count != items.size()) {
                    throw new PickleException("numpy object array of shape " + Arrays.toString(shape) + " with "
                        + items.size() + " elements");
                }
                List<Object> elements = new ArrayList<>(items);
                if (fortran && shape.length > 1) {
                    elements = fortranToC(elements, shape);
                }
                return new ObjectArray(shape, elements);
            }
            return array(type, shape, fortran, Args.bytes(data, "numpy array data"));
        }

        @Override
        protected String describe() {
            return "numpy.ndarray";
        }
    }

    private static List<Object> fortranToC(List<Object> items, int[] shape) {
        List<Object> out = new ArrayList<>(items.size());
        int[] index = new int[shape.length];
        for (int i = 0; i < items.size(); i++) {
            long memory = 0;
            long stride = 1;
            for (int a = 0; a < shape.length; a++) {
                memory += index[a] * stride;
                stride *= shape[a];
            }
            out.add(items.get((int) memory));
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++index[a] < shape[a]) {
                    break;
                }
                index[a] = 0;
            }
        }
        return out;
    }
}
