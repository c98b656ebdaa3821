package org.ambidex.io;

import java.util.Locale;

/**
 * Element types of n-dimensional arrays, with their NumPy and PyTorch names.
 *
 * <p>{@link #itemSize()} is in bytes. Complex types hold (real, imaginary) pairs of floats.
 */
public enum DType {
    BOOL(1, "b1", "bool"),
    INT8(1, "i1", "int8"),
    UINT8(1, "u1", "uint8"),
    INT16(2, "i2", "int16"),
    UINT16(2, "u2", "uint16"),
    INT32(4, "i4", "int32"),
    UINT32(4, "u4", "uint32"),
    INT64(8, "i8", "int64"),
    UINT64(8, "u8", "uint64"),
    FLOAT16(2, "f2", "float16"),
    BFLOAT16(2, null, "bfloat16"),
    FLOAT32(4, "f4", "float32"),
    FLOAT64(8, "f8", "float64"),
    COMPLEX64(8, "c8", "complex64"),
    COMPLEX128(16, "c16", "complex128");

    private final int itemSize;
    private final String numpyCode;
    private final String displayName;

    DType(int itemSize, String numpyCode, String displayName) {
        this.itemSize = itemSize;
        this.numpyCode = numpyCode;
        this.displayName = displayName;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** NumPy's kind and size code without byte-order mark ({@code f4}, {@code i8}), or null if NumPy has none. */
    public String numpyCode() {
        return numpyCode;
    }

    /** The conventional name ({@code float32}, {@code int64}). */
    public String displayName() {
        return displayName;
    }

    public boolean isFloating() {
        return this == FLOAT16 || this == BFLOAT16 || this == FLOAT32 || this == FLOAT64;
    }

    public boolean isComplex() {
        return this == COMPLEX64 || this == COMPLEX128;
    }

    /** The type for a NumPy kind-and-size code without byte-order mark, or null when unknown. */
    public static DType fromNumpyCode(String code) {
        String c = code.toLowerCase(Locale.ROOT);
        if (c.equals("?") || c.equals("b1")) {
            return BOOL;
        }
        for (DType t : values()) {
            if (c.equals(t.numpyCode)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
