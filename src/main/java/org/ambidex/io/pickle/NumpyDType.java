package org.ambidex.io.pickle;

import java.nio.ByteOrder;
import org.ambidex.io.DType;

/**
 * A NumPy dtype as pickled ({@code numpy.dtype('f8', False, True)} followed by a {@code BUILD} with the
 * byte order): the element type, or the object kind, and the byte order of the data.
 */
record NumpyDType(String code, DType dtype, boolean object, ByteOrder byteOrder) {

    /** The dtype for a pickled code such as {@code f8}, {@code <i4}, {@code O8}, {@code ?}, little-endian. */
    static NumpyDType parse(String text) {
        String code = text;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (!code.isEmpty() && "<>|=".indexOf(code.charAt(0)) >= 0) {
            order = code.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            code = code.substring(1);
        }
        if (code.equals("O") || code.equals("O8") || code.equals("O4")) {
            return new NumpyDType(code, null, true, order);
        }
        DType type = DType.fromNumpyCode(code);
        if (type == null) {
            type = switch (code) {
                case "b", "int8" -> DType.INT8;
                case "B", "uint8" -> DType.UINT8;
                case "h", "int16" -> DType.INT16;
                case "H", "uint16" -> DType.UINT16;
                case "i", "int32" -> DType.INT32;
                case "I", "uint32" -> DType.UINT32;
                case "l", "q", "int64", "int" -> DType.INT64;
                case "L", "Q", "uint64" -> DType.UINT64;
                case "e", "float16" -> DType.FLOAT16;
                case "f", "float32" -> DType.FLOAT32;
                case "d", "float64", "float" -> DType.FLOAT64;
                case "F", "complex64" -> DType.COMPLEX64;
                case "D", "complex128", "complex" -> DType.COMPLEX128;
                case "bool" -> DType.BOOL;
                default -> null;
            };
        }
        if (type == null) {
            throw new PickleException("numpy dtype '" + text + "' is not supported (numeric and bool dtypes only)");
        }
        return new NumpyDType(code, type, false, order);
    }

    /** The same type with the byte order given by a pickled {@code BUILD} state ({@code '<'}, {@code '>'}, {@code '|'}). */
    NumpyDType withByteOrder(String mark) {
        return switch (mark) {
            case ">" -> new NumpyDType(code, dtype, object, ByteOrder.BIG_ENDIAN);
            case "<", "|", "=" -> new NumpyDType(code, dtype, object, ByteOrder.LITTLE_ENDIAN);
            default -> throw new PickleException("numpy dtype byte order '" + mark + "' is not understood");
        };
    }

    String describe() {
        return object ? "object" : dtype.displayName() + (byteOrder == ByteOrder.BIG_ENDIAN ? " (big-endian)" : "");
    }
}
