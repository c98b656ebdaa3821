package org.ambidex.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ambidex.io.tflite.TfliteActivation;
import org.ambidex.io.tflite.TfliteModel;
import org.ambidex.io.tflite.TfliteOperator;
import org.ambidex.io.tflite.TfliteOptions;
import org.ambidex.io.tflite.TfliteTensor;

/**
 * What {@code ambidex inspect} shows of a TFLite model besides its constants: every tensor (index, name, dtype,
 * "sparse" for a sparse constant, shape, and the statistics of constants, densified) and every op (index, name,
 * input and output tensor indices, its key
 * options), as text tables or as JSON.
 */
final class TfliteTables {

    /** Converters join the names of fused ops with ';': such names are shortened in the table to this width. */
    private static final int NAME_WIDTH = 80;

    private TfliteTables() {
    }

    private static String shortName(String name) {
        return name.length() <= NAME_WIDTH ? name : name.substring(0, NAME_WIDTH - 3) + "...";
    }

    static void print(PrintWriter out, TfliteModel model) {
        out.println("inputs: " + tensors(model, model.inputs()));
        out.println("outputs: " + tensors(model, model.outputs()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"tensor", "name", "dtype", "shape", "min", "max", "mean"});
        for (TfliteTensor t : model.tensors()) {
            String[] stats = {"", "", ""};
            if (t.constant()) {
                ArrayStats s = ArrayStats.of(model.constant(t.index()));
                stats = new String[] {InspectCommand.number(s.min()), InspectCommand.number(s.max()),
                    InspectCommand.number(s.mean())};
            }
            String dtype = dtype(t) + (t.sparse() ? " sparse" : "");
            rows.add(new String[] {Integer.toString(t.index()), shortName(t.name()), dtype,
                InspectCommand.shape(t.shapeArray()), stats[0], stats[1], stats[2]});
        }
        TextTable.print(out, rows, 4);
        List<String[]> ops = new ArrayList<>();
        ops.add(new String[] {"op", "name", "inputs", "outputs", "options"});
        for (TfliteOperator op : model.operators()) {
            ops.add(new String[] {Integer.toString(op.index()), op.op().name(), indices(op.inputs()),
                indices(op.outputs()), options(model, op)});
        }
        TextTable.print(out, ops, 99);
        boolean cut = model.tensors().stream().anyMatch(t -> t.name().length() > NAME_WIDTH);
        out.printf(Locale.ROOT, "%d tensors (%d constant, %d sparse), %d ops%s%n", model.tensors().size(),
            model.tensors().stream().filter(TfliteTensor::constant).count(),
            model.tensors().stream().filter(TfliteTensor::sparse).count(), model.operators().size(),
            cut ? " (names longer than " + NAME_WIDTH + " characters are shortened here; --json has them whole)" : "");
    }

    static void addJson(ObjectNode root, TfliteModel model) {
        ArrayNode inputs = root.putArray("inputs");
        model.inputs().forEach(inputs::add);
        ArrayNode outputs = root.putArray("outputs");
        model.outputs().forEach(outputs::add);
        ArrayNode tensors = root.putArray("tensors");
        for (TfliteTensor t : model.tensors()) {
            ObjectNode node = tensors.addObject();
            node.put("index", t.index());
            node.put("name", t.name());
            node.put("dtype", dtype(t));
            ArrayNode shape = node.putArray("shape");
            t.shape().forEach(shape::add);
            node.put("buffer", t.buffer());
            node.put("constant", t.constant());
            if (t.sparse()) {
                node.put("sparsity", t.sparsity().toString());
            }
        }
        ArrayNode ops = root.putArray("operators");
        for (TfliteOperator op : model.operators()) {
            ObjectNode node = ops.addObject();
            node.put("index", op.index());
            node.put("op", op.op().name());
            node.put("code", op.op().code());
            node.put("version", op.version());
            ArrayNode in = node.putArray("inputs");
            op.inputs().forEach(in::add);
            ArrayNode out = node.putArray("outputs");
            op.outputs().forEach(out::add);
            node.put("options", options(model, op));
        }
    }

    /** The options that matter for reading the graph, in a few words. */
    static String options(TfliteModel model, TfliteOperator op) {
        TfliteOptions o = op.options();
        if (o instanceof TfliteOptions.Convolution c) {
            return window(model, op, c.strideH(), c.strideW()) + ", " + c.padding() + activation(c.activation());
        }
        if (o instanceof TfliteOptions.Pool2D p) {
            return "window " + p.filterH() + "x" + p.filterW() + ", stride " + p.strideH() + "x" + p.strideW() + ", "
                + p.padding() + activation(p.activation());
        }
        if (o instanceof TfliteOptions.Concatenation c) {
            return "axis " + c.axis() + activation(c.activation());
        }
        if (o instanceof TfliteOptions.Add a) {
            return activation(a.activation()).replaceFirst("^, ", "");
        }
        if (o instanceof TfliteOptions.FullyConnected f) {
            TfliteTensor w = model.tensor(op.input(1));
            return w.dim(1) + " -> " + w.dim(0) + activation(f.activation());
        }
        if (o instanceof TfliteOptions.DepthToSpace d) {
            return "block " + d.blockSize() + "x" + d.blockSize();
        }
        if (o instanceof TfliteOptions.Reducer r) {
            return "axes " + Arrays.toString(model.ints(op.input(1))) + (r.keepDims() ? ", keep dims" : "");
        }
        return switch (op.op()) {
            case RESHAPE -> "to " + InspectCommand.shape(model.tensor(op.output(0)).shapeArray());
            case RESIZE_BILINEAR -> "to " + model.tensor(op.output(0)).dim(1) + "x" + model.tensor(op.output(0)).dim(2)
                + ", half-pixel centres";
            case PAD -> "paddings " + pairs(model.ints(op.input(1)));
            case DEQUANTIZE -> "float16 -> float32";
            case DENSIFY -> "sparse -> dense: " + model.tensor(op.input(0)).sparsity();
            default -> "";
        };
    }

    private static String window(TfliteModel model, TfliteOperator op, int strideH, int strideW) {
        TfliteTensor w = model.tensor(op.input(1));
        return "kernel " + w.dim(1) + "x" + w.dim(2) + ", stride " + strideH + "x" + strideW;
    }

    private static String activation(TfliteActivation a) {
        return a == TfliteActivation.NONE ? "" : ", " + a;
    }

    private static String pairs(int[] pads) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i + 1 < pads.length; i += 2) {
            s.append(i == 0 ? "" : " ").append('(').append(pads[i]).append(", ").append(pads[i + 1]).append(')');
        }
        return s.toString();
    }

    private static String dtype(TfliteTensor t) {
        return t.dtype().name().toLowerCase(Locale.ROOT);
    }

    private static String indices(List<Integer> tensors) {
        return tensors.stream().map(i -> i < 0 ? "-" : Integer.toString(i)).collect(Collectors.joining(", "));
    }

    private static String tensors(TfliteModel model, List<Integer> indices) {
        return indices.stream().map(i -> {
            TfliteTensor t = model.tensor(i);
            return t.index() + " '" + t.name() + "' " + dtype(t) + " " + InspectCommand.shape(t.shapeArray());
        }).collect(Collectors.joining(", "));
    }
}
