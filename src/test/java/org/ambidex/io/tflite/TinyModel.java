package org.ambidex.io.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small TFLite models (schema 3) for tests: tensors, constants (float32, float16 behind a DEQUANTIZE, int32),
 * ops with their builtin options, one subgraph. The tables stay reachable until {@link #build()}, so a test can
 * change one field to make a model that lies or uses what the reader refuses.
 */
public final class TinyModel {

    // TensorType codes.
    public static final int FLOAT32 = 0;
    public static final int FLOAT16 = 1;
    public static final int INT32 = 2;
    public static final int INT8 = 9;

    // BuiltinOptions union types.
    public static final int CONV_2D_OPTIONS = 1;
    public static final int DEPTHWISE_CONV_2D_OPTIONS = 2;
    public static final int POOL_2D_OPTIONS = 5;
    public static final int FULLY_CONNECTED_OPTIONS = 8;
    public static final int CONCATENATION_OPTIONS = 10;
    public static final int ADD_OPTIONS = 11;
    public static final int RESIZE_BILINEAR_OPTIONS = 15;
    public static final int RESHAPE_OPTIONS = 17;
    public static final int REDUCER_OPTIONS = 27;
    public static final int DEPTH_TO_SPACE_OPTIONS = 94;

    // Padding and activation codes.
    public static final int SAME = 0;
    public static final int VALID = 1;
    public static final int NONE = 0;
    public static final int RELU6 = 3;

    private final List<FlatBufferWriter.Table> tensors = new ArrayList<>();
    private final List<FlatBufferWriter.Table> operators = new ArrayList<>();
    private final List<FlatBufferWriter.Table> buffers = new ArrayList<>();
    private final Map<Integer, Integer> codes = new LinkedHashMap<>();
    private final FlatBufferWriter.Table model = new FlatBufferWriter.Table();
    private final FlatBufferWriter.Table subgraph = new FlatBufferWriter.Table();
    private int[] inputs = new int[0];
    private int[] outputs = new int[0];
    private int subgraphs = 1;

    public TinyModel() {
        buffers.add(new FlatBufferWriter.Table());
        model.i32(0, 3).string(3, "tiny");
    }

    /** The model table (fields: 0 version, 1 operator codes, 2 subgraphs, 3 description, 4 buffers, 6 metadata). */
    public FlatBufferWriter.Table modelTable() {
        return model;
    }

    /** Tensor {@code index}'s table (0 shape, 1 type, 2 buffer, 3 name, 4 quantization, 5 is_variable, 6 sparsity). */
    public FlatBufferWriter.Table tensorTable(int index) {
        return tensors.get(index);
    }

    /** Operator {@code index}'s table (0 opcode index, 1 inputs, 2 outputs, 3 options type, 4 options). */
    public FlatBufferWriter.Table operatorTable(int index) {
        return operators.get(index);
    }

    /** A computed float32 tensor. */
    public int activation(String name, int... shape) {
        return tensor(name, FLOAT32, 0, shape);
    }

    /** The graph's input, a float32 tensor. */
    public int input(String name, int... shape) {
        int t = activation(name, shape);
        inputs = new int[] {t};
        return t;
    }

    public void outputs(int... tensors) {
        outputs = tensors.clone();
    }

    public int constant(String name, float[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return tensor(name, FLOAT32, buffer(b.array()), shape);
    }

    public int constantInts(String name, int[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return tensor(name, INT32, buffer(b.array()), shape);
    }

    /** A float16 constant (values exactly representable in half precision). */
    public int constantHalf(String name, float[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort((short) halfBits(v));
        }
        return tensor(name, FLOAT16, buffer(b.array()), shape);
    }

    /** A float16 constant widened by a DEQUANTIZE op, as MediaPipe stores weights; returns the float32 tensor. */
    public int weight(String name, float[] values, int... shape) {
        int half = constantHalf(name + "_fp16", values, shape);
        int wide = activation(name, shape);
        op(6, null, 0, new int[] {half}, wide);
        return wide;
    }

    /**
     * A sparse constant: {@code stored} are its stored values in walk order (float32, or float16 when {@code half}),
     * {@code sparsity} its SparsityParameters table ({@link #sparsity}).
     */
    public int sparseConstant(String name, boolean half, float[] stored, FlatBufferWriter.Table sparsity,
                              int... shape) {
        int t = half ? constantHalf(name, stored, shape) : constant(name, stored, shape);
        tensors.get(t).table(6, sparsity);
        return t;
    }

    /** A sparse constant expanded by DENSIFY (and widened by DEQUANTIZE when {@code half}); the float32 tensor. */
    public int sparseWeight(String name, boolean half, float[] stored, FlatBufferWriter.Table sparsity, int... shape) {
        int sparse = sparseConstant(name + "_sparse", half, stored, sparsity, shape);
        int dense = tensor(name + "_dense", half ? FLOAT16 : FLOAT32, 0, shape);
        op(124, null, 0, new int[] {sparse}, dense);
        if (!half) {
            return dense;
        }
        int wide = activation(name, shape);
        op(6, null, 0, new int[] {dense}, wide);
        return wide;
    }

    /**
     * SparsityParameters: traversal order, block map, one DimensionMetadata per level ({@link #dense}, {@link #csr}).
     */
    public static FlatBufferWriter.Table sparsity(int[] traversalOrder, int[] blockMap,
                                                  FlatBufferWriter.Table... levels) {
        return new FlatBufferWriter.Table().ints(0, traversalOrder).ints(1, blockMap)
            .tables(2, java.util.List.of(levels));
    }

    /** A DENSE level of {@code size} children per parent. */
    public static FlatBufferWriter.Table dense(int size) {
        return new FlatBufferWriter.Table().i8(0, 0).i32(1, size);
    }

    /** A SPARSE_CSR level: segments as an Int32Vector, indices as a Uint8Vector. */
    public static FlatBufferWriter.Table csr(int[] segments, int[] indices) {
        byte[] small = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            small[i] = (byte) indices[i];
        }
        return new FlatBufferWriter.Table().i8(0, 1)
            .i8(2, 1).table(3, new FlatBufferWriter.Table().ints(0, segments))
            .i8(4, 3).table(5, new FlatBufferWriter.Table().bytes(0, small));
    }

    public int tensor(String name, int type, int buffer, int... shape) {
        tensors.add(new FlatBufferWriter.Table().ints(0, shape).i8(1, type).i32(2, buffer).string(3, name));
        return tensors.size() - 1;
    }

    /** Adds op {@code code} (builtin code) with options {@code options} of union type {@code optionsType}. */
    public int op(int code, FlatBufferWriter.Table options, int optionsType, int[] in, int... out) {
        Integer index = codes.get(code);
        if (index == null) {
            index = codes.size();
            codes.put(code, index);
        }
        FlatBufferWriter.Table t = new FlatBufferWriter.Table().i32(0, index).ints(1, in).ints(2, out);
        if (options != null) {
            t.i8(3, optionsType).table(4, options);
        }
        operators.add(t);
        return operators.size() - 1;
    }

    public int buffer(byte[] data) {
        buffers.add(new FlatBufferWriter.Table().bytes(0, data));
        return buffers.size() - 1;
    }

    /** Repeats the subgraph {@code count} times (models with several subgraphs are refused). */
    public void subgraphs(int count) {
        subgraphs = count;
    }

    public byte[] build() {
        List<FlatBufferWriter.Table> codeTables = new ArrayList<>();
        codes.forEach((code, index) -> codeTables.add(new FlatBufferWriter.Table().i8(0, Math.min(code, 127))
            .i32(2, 1).i32(3, code)));
        subgraph.tables(0, tensors).ints(1, inputs).ints(2, outputs).tables(3, operators).string(4, "main");
        model.tables(1, codeTables).tables(2, java.util.Collections.nCopies(subgraphs, subgraph)).tables(4, buffers);
        return FlatBufferWriter.finish(model, "TFL3");
    }

    public static FlatBufferWriter.Table conv(int padding, int strideH, int strideW, int activation) {
        return new FlatBufferWriter.Table().i8(0, padding).i32(1, strideW).i32(2, strideH).i8(3, activation);
    }

    public static FlatBufferWriter.Table depthwise(int padding, int strideH, int strideW, int activation) {
        return new FlatBufferWriter.Table().i8(0, padding).i32(1, strideW).i32(2, strideH).i32(3, 1)
            .i8(4, activation);
    }

    public static FlatBufferWriter.Table pool(int padding, int strideH, int strideW, int filterH, int filterW) {
        return new FlatBufferWriter.Table().i8(0, padding).i32(1, strideW).i32(2, strideH).i32(3, filterW)
            .i32(4, filterH);
    }

    public static FlatBufferWriter.Table activation(int activation) {
        return new FlatBufferWriter.Table().i8(0, activation);
    }

    public static FlatBufferWriter.Table concatenation(int axis) {
        return new FlatBufferWriter.Table().i32(0, axis);
    }

    public static FlatBufferWriter.Table resizeHalfPixel() {
        return new FlatBufferWriter.Table().bool(2, false).bool(3, true);
    }

    public static FlatBufferWriter.Table keepDims(boolean keep) {
        return new FlatBufferWriter.Table().bool(0, keep);
    }

    public static FlatBufferWriter.Table blockSize(int size) {
        return new FlatBufferWriter.Table().i32(0, size);
    }

    public static FlatBufferWriter.Table newShape(int... shape) {
        return new FlatBufferWriter.Table().ints(0, shape);
    }

    /** The half-precision bits of {@code v}, which must be exactly representable (tests choose such values). */
    static int halfBits(float v) {
        if (v == 0) {
            return Float.floatToRawIntBits(v) >>> 16 & 0x8000;
        }
        int bits = Float.floatToRawIntBits(v);
        int sign = bits >>> 16 & 0x8000;
        int exponent = (bits >>> 23 & 0xff) - 127 + 15;
        int mantissa = bits & 0x7fffff;
        if (exponent < 1 || exponent > 30 || (mantissa & 0x1fff) != 0) {
            throw new IllegalArgumentException(v + " is not a normal half-precision value");
        }
        return sign | exponent << 10 | mantissa >>> 13;
    }
}
