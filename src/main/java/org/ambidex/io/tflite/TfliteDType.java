package org.ambidex.io.tflite;

/**
 * A TFLite tensor element type ({@code TensorType} of TFLite's schema), by its code in the file. Only
 * {@link #FLOAT32}, {@link #FLOAT16} (constant weights, widened at load) and {@link #INT32} (shapes, paddings,
 * axes) pass validation; the others are named so that a refusal can say which one a file used.
 */
public enum TfliteDType {
    FLOAT32(0, 4),
    FLOAT16(1, 2),
    INT32(2, 4),
    UINT8(3, 1),
    INT64(4, 8),
    STRING(5, 0),
    BOOL(6, 1),
    INT16(7, 2),
    COMPLEX64(8, 8),
    INT8(9, 1),
    FLOAT64(10, 8),
    COMPLEX128(11, 16),
    UINT64(12, 8),
    RESOURCE(13, 0),
    VARIANT(14, 0),
    UINT32(15, 4),
    UINT16(16, 2),
    INT4(17, 0);

    private final int code;
    private final int itemSize;

    TfliteDType(int code, int itemSize) {
        this.code = code;
        this.itemSize = itemSize;
    }

    /** The code in the file. */
    public int code() {
        return code;
    }

    /** Bytes per element (0 for types without a fixed size). */
    public int itemSize() {
        return itemSize;
    }

    /** The type of {@code code}, or {@code null} when the code is not one of the schema's. */
    static TfliteDType ofCode(int code) {
        return java.util.Arrays.stream(values()).filter(t -> t.code == code).findFirst().orElse(null);
    }
}
