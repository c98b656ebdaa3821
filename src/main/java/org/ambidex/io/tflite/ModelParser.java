package org.ambidex.io.tflite;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads the parts of a TFLite flatbuffer (field ids from TFLite's schema.fbs) into the values of
 * {@link TfliteModel}, refusing what this reader does not support as it meets it: a schema other than 3, more
 * than one subgraph, custom or unsupported ops, quantised or variable tensors, sparse tensors whose sparsity does
 * not densify, element types other than
 * float32, float16 and int32, buffers stored outside the flatbuffer, constants whose size disagrees with their
 * shape. How the ops connect is checked afterwards by {@link GraphValidator}.
 */
final class ModelParser {

    /** Activations larger than this many elements are refused (the largest MediaPipe tensor has 1.2 M). */
    static final long MAX_ELEMENTS = 1L << 28;

    private final FlatBuffer fb;
    private final Refusal refusal;
    private final List<TfliteModel.Span> buffers = new ArrayList<>();

    private ModelParser(byte[] bytes, Refusal refusal) {
        this.fb = new FlatBuffer(bytes, refusal);
        this.refusal = refusal;
    }

    static TfliteModel parse(byte[] bytes, Refusal refusal) {
        return new ModelParser(bytes, refusal).parse();
    }

    private TfliteModel parse() {
        if (fb.length() < 8 || !fb.identifier().equals("TFL3")) {
            throw refusal.because("is not a TFLite model (expected the file identifier TFL3 at byte 4"
                + (fb.length() < 8 ? ", the file has " + fb.length() + " bytes)" : ")"));
        }
        FlatBuffer.Table model = fb.root("the model");
        long version = model.u32(0, 0);
        if (version != 3) {
            throw refusal.because("has TFLite schema version " + version + "; expected 3");
        }
        for (FlatBuffer.Table b : model.tables(4, "buffer")) {
            buffers.add(buffer(b));
        }
        List<FlatBuffer.Table> subgraphs = model.tables(2, "subgraph");
        if (subgraphs.size() != 1) {
            throw refusal.because("has " + subgraphs.size() + " subgraphs; only models with one are supported");
        }
        FlatBuffer.Table graph = subgraphs.get(0);
        List<Code> codes = operatorCodes(model.tables(1, "operator code"));
        List<TfliteTensor> tensors = new ArrayList<>();
        List<FlatBuffer.Table> tensorTables = graph.tables(0, "tensor");
        for (int i = 0; i < tensorTables.size(); i++) {
            tensors.add(tensor(i, tensorTables.get(i)));
        }
        List<TfliteOperator> operators = new ArrayList<>();
        List<FlatBuffer.Table> opTables = graph.tables(3, "operator");
        for (int i = 0; i < opTables.size(); i++) {
            operators.add(operator(i, opTables.get(i), codes));
        }
        List<TfliteMetadata> metadata = new ArrayList<>();
        for (FlatBuffer.Table m : model.tables(6, "metadata")) {
            String name = m.string(0, "name");
            int buffer = bufferIndex(m.u32(1, 0), m.what());
            metadata.add(new TfliteMetadata(name == null ? "" : name, buffer, bufferBytes(buffer)));
        }
        String description = model.string(3, "description");
        return new TfliteModel(refusal.name(), fb.bytes(), (int) version, description == null ? "" : description,
            tensors, operators, boxed(graph.ints(1, "inputs")), boxed(graph.ints(2, "outputs")), buffers, metadata);
    }

    private TfliteModel.Span buffer(FlatBuffer.Table b) {
        long offset = b.i64(1, 0);
        if (offset > 1) {
            throw refusal.because(b.what() + " is stored outside the flatbuffer (at byte " + offset
                + "), which is not supported");
        }
        FlatBuffer.Span data = b.vector(0, 1, "data");
        return data == null ? new TfliteModel.Span(0, 0) : new TfliteModel.Span(data.start(), data.count());
    }

    private byte[] bufferBytes(int buffer) {
        TfliteModel.Span s = buffers.get(buffer);
        byte[] out = new byte[s.length()];
        System.arraycopy(fb.bytes(), s.start(), out, 0, s.length());
        return out;
    }

    private int bufferIndex(long index, String what) {
        if (index >= buffers.size()) {
            throw fb.bad(what + " refers to buffer " + index + " of " + buffers.size());
        }
        return (int) index;
    }

    /** One operator code: the builtin op (-1 for a custom op) and its version. */
    private record Code(int builtin, int version) {
    }

    private List<Code> operatorCodes(List<FlatBuffer.Table> tables) {
        List<Code> codes = new ArrayList<>();
        for (FlatBuffer.Table t : tables) {
            // Codes below 127 live in the old byte field, larger ones in the int field: the larger of the two wins.
            int code = Math.max(t.i8(0, 0), t.i32(3, 0));
            String custom = t.string(1, "custom_code");
            codes.add(new Code(custom != null || code == 32 ? -1 : code, t.i32(2, 1)));
        }
        return codes;
    }

    private TfliteTensor tensor(int index, FlatBuffer.Table t) {
        String name = t.string(3, "name");
        String label = "tensor " + index + " '" + (name == null ? "" : name) + "'";
        int[] shape = t.ints(0, "shape");
        int typeCode = t.i8(1, 0);
        TfliteDType dtype = TfliteDType.ofCode(typeCode);
        if (dtype != TfliteDType.FLOAT32 && dtype != TfliteDType.FLOAT16 && dtype != TfliteDType.INT32) {
            throw refusal.because(label + " has element type " + (dtype == null ? "code " + typeCode : dtype)
                + "; expected FLOAT32, FLOAT16 or INT32");
        }
        FlatBuffer.Table q = t.table(4, "quantization");
        if (q != null && (q.count(0, 4, "min") + q.count(1, 4, "max") + q.count(2, 4, "scale")
            + q.count(3, 8, "zero_point") > 0 || q != null && q.u8(4, 0) != 0)) {
            throw refusal.because(label + " is quantised; only float models are supported");
        }
        if (t.bool(5, false)) {
            throw refusal.because(label + " is a variable; only constant weights are supported");
        }
        long elements = 1;
        for (int d : shape) {
            if (d < 0) {
                throw refusal.because(label + " has shape " + java.util.Arrays.toString(shape)
                    + "; dimensions must be known and not negative");
            }
            elements *= d;
            if (elements > MAX_ELEMENTS) {
                throw refusal.because(label + " has shape " + java.util.Arrays.toString(shape) + ", more than "
                    + MAX_ELEMENTS + " elements");
            }
        }
        int buffer = bufferIndex(t.u32(2, 0), label);
        int bytes = buffers.get(buffer).length();
        FlatBuffer.Table s = t.table(6, "sparsity");
        if (s != null) {
            TfliteSparsity sparsity = sparsity(s);
            if (bytes == 0 || dtype == TfliteDType.INT32 || bytes % dtype.itemSize() != 0) {
                throw refusal.because(label + " is sparse with " + bytes + " bytes of " + dtype
                    + "; only float constants may be sparse");
            }
            sparsity.positions(shape, bytes / dtype.itemSize(),
                what -> refusal.because(label + " is sparse but its sparsity " + what));
            return new TfliteTensor(index, name == null ? "" : name, boxed(shape), dtype, buffer, true, sparsity);
        }
        if (bytes != 0 && bytes != elements * dtype.itemSize()) {
            throw refusal.because(label + " has " + bytes + " bytes of data; its shape "
                + java.util.Arrays.toString(shape) + " of " + dtype + " needs " + elements * dtype.itemSize());
        }
        return new TfliteTensor(index, name == null ? "" : name, boxed(shape), dtype, buffer, bytes != 0, null);
    }

    /** SparsityParameters: traversal_order (0), block_map (1), dim_metadata (2). */
    private TfliteSparsity sparsity(FlatBuffer.Table s) {
        List<TfliteSparsity.Level> levels = new ArrayList<>();
        for (FlatBuffer.Table d : s.tables(2, "dim_metadata")) {
            // DimensionMetadata: format (0: DENSE 0, SPARSE_CSR 1), dense_size (1), array_segments (type 2, value
            // 3) and array_indices (type 4, value 5) as SparseIndexVector unions.
            int format = d.u8(0, 0);
            if (format > 1) {
                throw fb.bad(d.what() + " has format " + format + "; expected DENSE (0) or SPARSE_CSR (1)");
            }
            boolean compressed = format == 1;
            levels.add(new TfliteSparsity.Level(compressed, d.i32(1, 0),
                compressed ? indexVector(d, 2, "array_segments") : new int[0],
                compressed ? indexVector(d, 4, "array_indices") : new int[0]));
        }
        return new TfliteSparsity(s.ints(0, "traversal_order"), s.ints(1, "block_map"), levels);
    }

    /** A SparseIndexVector union (type at field {@code id}, table at {@code id + 1}): Int32, Uint16 or Uint8 values. */
    private int[] indexVector(FlatBuffer.Table d, int id, String name) {
        int type = d.u8(id, 0);
        if (type < 1 || type > 3) {
            throw fb.bad(d.what() + " " + name + " has vector type " + type
                + "; expected Int32Vector (1), Uint16Vector (2) or Uint8Vector (3)");
        }
        FlatBuffer.Table v = d.table(id + 1, name);
        if (v == null) {
            throw fb.bad(d.what() + " " + name + " is missing");
        }
        return v.ints(0, type == 1 ? 4 : type == 2 ? 2 : 1, "values");
    }

    private TfliteOperator operator(int index, FlatBuffer.Table t, List<Code> codes) {
        long codeIndex = t.u32(0, 0);
        if (codeIndex >= codes.size()) {
            throw fb.bad("operator " + index + " refers to operator code " + codeIndex + " of " + codes.size());
        }
        int code = codes.get((int) codeIndex).builtin();
        if (code < 0) {
            throw refusal.because("op at index " + index + " is a custom op; only builtin ops are supported");
        }
        TfliteOp op = TfliteOp.ofCode(code);
        if (op == null) {
            throw refusal.because("op " + code + " " + TfliteOp.nameOf(code) + " at index " + index
                + " is not supported; expected one of " + TfliteOp.supportedNames());
        }
        if (t.u8(11, 0) != 0) {
            throw refusal.because("op " + index + " " + op + " has builtin_options_2, which is not supported");
        }
        String label = "op " + index + " " + op;
        TfliteOptions options = OptionsReader.read(fb, op, t.u8(3, 0), t.table(4, "builtin options"), label);
        int version = codes.get((int) codeIndex).version();
        return new TfliteOperator(index, op, version, boxed(t.ints(1, "inputs")), boxed(t.ints(2, "outputs")),
            options);
    }

    private static List<Integer> boxed(int[] values) {
        return IntStream.of(values).boxed().toList();
    }
}
