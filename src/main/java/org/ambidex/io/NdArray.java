package org.ambidex.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable n-dimensional array as found in NumPy files, pickles and checkpoints: element type, shape,
 * memory order (C row-major or Fortran column-major) and the raw elements, held in little-endian byte order
 * whatever the source's order was.
 *
 * <p>Element accessors take a <em>logical</em> flat index in C order (the last axis varies fastest), so
 * callers never care about the memory order. Arrays hold at most {@code Integer.MAX_VALUE} bytes.
 */
public final class NdArray {

    /** Memory order of the elements. */
    public enum Order {
        /** Row-major: the last axis varies fastest. */
        C,
        /** Column-major: the first axis varies fastest. */
        FORTRAN
    }

    private final DType dtype;
    private final int[] shape;
    private final Order order;
    private final byte[] data;
    private final long size;

    private NdArray(DType dtype, int[] shape, Order order, byte[] data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        this.order = Objects.requireNonNull(order, "order");
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n * dtype.itemSize() != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                + n * dtype.itemSize() + " bytes, got " + data.length);
        }
        this.size = n;
        this.data = data;
    }

    /**
     * An array over {@code littleEndianBytes}, which it takes ownership of: the caller must not change the
     * bytes afterwards. No copy is made, so large tensors are not held twice.
     */
    public static NdArray wrap(DType dtype, int[] shape, Order order, byte[] littleEndianBytes) {
        return new NdArray(dtype, shape, order, littleEndianBytes);
    }

    /**
     * An array over bytes in {@code byteOrder}; big-endian bytes are swapped into a new buffer, little-endian
     * bytes are taken over without a copy.
     */
    public static NdArray wrap(DType dtype, int[] shape, Order order, byte[] bytes, ByteOrder byteOrder) {
        if (byteOrder == ByteOrder.BIG_ENDIAN && dtype.itemSize() > 1) {
            bytes = swapBytes(bytes, dtype.isComplex() ? dtype.itemSize() / 2 : dtype.itemSize());
        }
        return new NdArray(dtype, shape, order, bytes);
    }

    /** A C-order float64 array holding a copy of {@code values}. */
    public static NdArray ofDoubles(int[] shape, double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new NdArray(DType.FLOAT64, shape, Order.C, b.array());
    }

    /** A C-order float32 array holding a copy of {@code values}. */
    public static NdArray ofFloats(int[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new NdArray(DType.FLOAT32, shape, Order.C, b.array());
    }

    /** A C-order int64 array holding a copy of {@code values}. */
    public static NdArray ofLongs(int[] shape, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new NdArray(DType.INT64, shape, Order.C, b.array());
    }

    /** A C-order int32 array holding a copy of {@code values}. */
    public static NdArray ofInts(int[] shape, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new NdArray(DType.INT32, shape, Order.C, b.array());
    }

    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape; empty for a 0-d (scalar) array. */
    public int[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    /** Length of axis {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    public Order order() {
        return order;
    }

    /** Number of elements. */
    public long size() {
        return size;
    }

    /** A copy of the raw elements in memory order, little-endian. */
    public byte[] bytes() {
        return data.clone();
    }

    /** A read-only little-endian view of the raw elements in memory order. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Element at logical C-order flat index {@code index}, as a double (the real part of complex values). */
    public double getDouble(long index) {
        int at = byteOffset(index);
        return switch (dtype) {
            case BOOL -> data[at] != 0 ? 1 : 0;
            case INT8 -> data[at];
            case UINT8 -> data[at] & 0xff;
            case INT16 -> (short) u16(at);
            case UINT16 -> u16(at);
            case INT32 -> i32(at);
            case UINT32 -> i32(at) & 0xffffffffL;
            case INT64 -> i64(at);
            case UINT64 -> unsignedToDouble(i64(at));
            case FLOAT16 -> Float16.toFloat(u16(at));
            case BFLOAT16 -> Float.intBitsToFloat(u16(at) << 16);
            case FLOAT32, COMPLEX64 -> Float.intBitsToFloat(i32(at));
            case FLOAT64, COMPLEX128 -> Double.longBitsToDouble(i64(at));
        };
    }

    /** Element at logical C-order flat index {@code index} as a long; floating values are truncated. */
    public long getLong(long index) {
        int at = byteOffset(index);
        return switch (dtype) {
            case INT64, UINT64 -> i64(at);
            case UINT32 -> i32(at) & 0xffffffffL;
            case INT32 -> i32(at);
            default -> (long) getDouble(index);
        };
    }

    /** Element at the given multi-dimensional index, as a double. */
    public double get(int... index) {
        return getDouble(flatIndex(index));
    }

    /** All elements in logical C order as doubles. */
    public double[] toDoubleArray() {
        double[] out = new double[checkedSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** All elements in logical C order as floats. */
    public float[] toFloatArray() {
        float[] out = new float[checkedSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** All elements in logical C order as longs (floating values truncated). */
    public long[] toLongArray() {
        long[] out = new long[checkedSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /** All elements in logical C order as ints; fails if a value does not fit. */
    public int[] toIntArray() {
        int[] out = new int[checkedSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(getLong(i));
        }
        return out;
    }

    /** The same values in C order (this array when already C-ordered or one-dimensional). */
    public NdArray toCOrder() {
        if (order == Order.C || shape.length <= 1) {
            return order == Order.C ? this : new NdArray(dtype, shape, Order.C, data);
        }
        int item = dtype.itemSize();
        byte[] out = new byte[data.length];
        for (long i = 0; i < size; i++) {
            System.arraycopy(data, byteOffset(i), out, (int) (i * item), item);
        }
        return new NdArray(dtype, shape, Order.C, out);
    }

    /** The same elements under another shape with the same element count (C order, as NumPy's reshape). */
    public NdArray reshape(int... newShape) {
        return new NdArray(dtype, newShape, Order.C, toCOrder().data);
    }

    /** Memory byte offset of the element at logical C-order flat index {@code index}. */
    private int byteOffset(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        long memory = index;
        if (order == Order.FORTRAN && shape.length > 1) {
            // Split the C-order index into coordinates, then recombine with the first axis fastest.
            long rest = index;
            long stride = 1;
            memory = 0;
            long[] coords = new long[shape.length];
            for (int a = shape.length - 1; a >= 0; a--) {
                coords[a] = rest % shape[a];
                rest /= shape[a];
            }
            for (int a = 0; a < shape.length; a++) {
                memory += coords[a] * stride;
                stride *= shape[a];
            }
        }
        return (int) (memory * dtype.itemSize());
    }

    private long flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for array of rank " + shape.length);
        }
        long flat = 0;
        for (int a = 0; a < shape.length; a++) {
            if (index[a] < 0 || index[a] >= shape[a]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " for shape " + Arrays.toString(shape));
            }
            flat = flat * shape[a] + index[a];
        }
        return flat;
    }

    private int checkedSize() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("array of " + size + " elements is too large for a Java array");
        }
        return (int) size;
    }

    private int u16(int at) {
        return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8;
    }

    private int i32(int at) {
        return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 24;
    }

    private long i64(int at) {
        return (i32(at) & 0xffffffffL) | ((long) i32(at + 4)) << 32;
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    private static byte[] swapBytes(byte[] bytes, int width) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i += width) {
            for (int k = 0; k < width; k++) {
                out[i + k] = bytes[i + width - 1 - k];
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NdArray other)) {
            return false;
        }
        if (dtype != other.dtype || !Arrays.equals(shape, other.shape)) {
            return false;
        }
        if (order == other.order) {
            return Arrays.equals(data, other.data);
        }
        return Arrays.equals(toCOrder().data, other.toCOrder().data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(toCOrder().data);
    }

    @Override
    public String toString() {
        return "NdArray(" + dtype + ", " + Arrays.toString(shape) + (order == Order.FORTRAN ? ", F" : "") + ")";
    }
}
