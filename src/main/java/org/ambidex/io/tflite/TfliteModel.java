package org.ambidex.io.tflite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.ambidex.io.DType;
import org.ambidex.io.Float16;
import org.ambidex.io.NdArray;

/**
 * A TensorFlow Lite model ({@code .tflite}, schema 3) read safely and validated for ambidex's interpreter: one
 * subgraph of float32 activations, weights in float32 or float16 (widened exactly by {@link #floats}), dense or
 * sparse (TFLite's sparsity, densified by {@link #floats} and {@link #constant}), int32
 * shapes and axes, and only the ops of {@link TfliteOp} with the options of {@link TfliteOptions}.
 *
 * <p>Reading never executes anything and never trusts the file: every offset and length is checked before it is
 * followed, allocations are bounded by the file's size, and whatever does not fit (a truncated or lying file, an
 * unsupported op, option, element type, or a quantised tensor) is a {@link BadInputException} of one line naming
 * the file and the op or tensor. Shapes are as in the file: NHWC images, batch 1. Immutable; safe to share between
 * threads.
 */
public final class TfliteModel {

    /** Where a buffer's bytes are in the file. */
    record Span(int start, int length) {
    }

    private final String source;
    private final byte[] bytes;
    private final int schemaVersion;
    private final String description;
    private final List<TfliteTensor> tensors;
    private final List<TfliteOperator> operators;
    private final List<Integer> inputs;
    private final List<Integer> outputs;
    private final List<Span> buffers;
    private final List<TfliteMetadata> metadata;

    TfliteModel(String source, byte[] bytes, int schemaVersion, String description, List<TfliteTensor> tensors,
                List<TfliteOperator> operators, List<Integer> inputs, List<Integer> outputs, List<Span> buffers,
                List<TfliteMetadata> metadata) {
        this.source = source;
        this.bytes = bytes;
        this.schemaVersion = schemaVersion;
        this.description = description;
        this.tensors = List.copyOf(tensors);
        this.operators = List.copyOf(operators);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.buffers = List.copyOf(buffers);
        this.metadata = List.copyOf(metadata);
    }

    /** Reads and validates the model in {@code file}. */
    public static TfliteModel read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such file", e);
        } catch (IOException | OutOfMemoryError e) {
            throw new BadInputException(file, "cannot read the file (" + e.getMessage() + ")", e);
        }
        return read(bytes, Refusal.of(file));
    }

    /**
     * Reads and validates the model in {@code bytes} (copied); {@code sourceName} names it in messages (a file
     * name or a class-path resource).
     */
    public static TfliteModel read(byte[] bytes, String sourceName) {
        return read(bytes.clone(), Refusal.of(sourceName));
    }

    private static TfliteModel read(byte[] bytes, Refusal refusal) {
        TfliteModel model = ModelParser.parse(bytes, refusal);
        GraphValidator.check(model, refusal);
        return model;
    }

    /** The file or resource the model came from. */
    public String source() {
        return source;
    }

    /** The TFLite schema version (always 3). */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The model's description ("" when it has none; "MLIR Converted." for MediaPipe's). */
    public String description() {
        return description;
    }

    /** Every tensor of the subgraph, by index. */
    public List<TfliteTensor> tensors() {
        return tensors;
    }

    /** Tensor {@code index}. */
    public TfliteTensor tensor(int index) {
        return tensors.get(index);
    }

    /** The operators in execution order. */
    public List<TfliteOperator> operators() {
        return operators;
    }

    /** The tensor indices of the subgraph's inputs (one, validated to be a float32 NHWC image of batch 1). */
    public List<Integer> inputs() {
        return inputs;
    }

    /** The tensor indices of the subgraph's outputs, in the model's output order. */
    public List<Integer> outputs() {
        return outputs;
    }

    /** The metadata entries, in file order. */
    public List<TfliteMetadata> metadata() {
        return metadata;
    }

    /** The number of buffers (buffer 0 is the empty one of every activation). */
    public int bufferCount() {
        return buffers.size();
    }

    /** The size in bytes of buffer {@code index}. */
    public int bufferSize(int index) {
        return buffers.get(index).length();
    }

    /** A copy of constant tensor {@code index} in its own element type (float16 stays float16), C order. */
    public NdArray constant(int index) {
        TfliteTensor t = constantTensor(index);
        DType dtype = switch (t.dtype()) {
            case FLOAT32 -> DType.FLOAT32;
            case FLOAT16 -> DType.FLOAT16;
            case INT32 -> DType.INT32;
            default -> throw new IllegalStateException("validated models hold no " + t.dtype());
        };
        Span s = buffers.get(t.buffer());
        byte[] copy;
        if (t.sparse()) {
            copy = densified(t);
        } else {
            copy = new byte[s.length()];
            System.arraycopy(bytes, s.start(), copy, 0, s.length());
        }
        return NdArray.wrap(dtype, t.shapeArray(), NdArray.Order.C, copy);
    }

    /** Constant tensor {@code index} as floats, C order: float32 as stored, float16 widened exactly. */
    public float[] floats(int index) {
        TfliteTensor t = constantTensor(index);
        Span s = buffers.get(t.buffer());
        int count = Math.toIntExact(t.elementCount());
        byte[] from = t.sparse() ? densified(t) : bytes;
        int start = t.sparse() ? 0 : s.start();
        return switch (t.dtype()) {
            case FLOAT16 -> Float16.toFloats(from, start, count);
            case FLOAT32 -> {
                float[] out = new float[count];
                java.nio.ByteBuffer.wrap(from, start, count * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(out);
                yield out;
            }
            default -> throw new IllegalArgumentException("tensor " + t.label() + " is " + t.dtype() + ", not float");
        };
    }

    /** Constant int32 tensor {@code index}, C order. */
    public int[] ints(int index) {
        TfliteTensor t = constantTensor(index);
        if (t.dtype() != TfliteDType.INT32) {
            throw new IllegalArgumentException("tensor " + t.label() + " is " + t.dtype() + ", not INT32");
        }
        Span s = buffers.get(t.buffer());
        int[] out = new int[Math.toIntExact(t.elementCount())];
        java.nio.ByteBuffer.wrap(bytes, s.start(), s.length()).order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .asIntBuffer().get(out);
        return out;
    }

    /** Sparse constant {@code t} in dense C order, its element bytes as stored (zero bytes are 0.0 in float16 too). */
    private byte[] densified(TfliteTensor t) {
        Span s = buffers.get(t.buffer());
        int item = t.dtype().itemSize();
        // The parser checked the sparsity against the shape and the buffer: nothing here can fail.
        int[] positions = t.sparsity().positions(t.shapeArray(), s.length() / item, IllegalStateException::new);
        byte[] dense = new byte[Math.toIntExact(t.elementCount() * item)];
        for (int v = 0; v < positions.length; v++) {
            System.arraycopy(bytes, s.start() + v * item, dense, positions[v] * item, item);
        }
        return dense;
    }

    private TfliteTensor constantTensor(int index) {
        TfliteTensor t = tensors.get(index);
        if (!t.constant()) {
            throw new IllegalArgumentException("tensor " + t.label() + " has no data (it is computed)");
        }
        return t;
    }

    @Override
    public String toString() {
        return "TfliteModel[" + source + ": " + tensors.size() + " tensors, " + operators.size() + " ops]";
    }
}
