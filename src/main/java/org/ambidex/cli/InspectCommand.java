package org.ambidex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ambidex.core.BadInputException;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ambidex inspect FILE}: what a pickle, NumPy file, PyTorch checkpoint or TFLite model holds, read safely
 * (nothing in the file is executed): every array or tensor with dtype, shape, min, max and mean, then the
 * other entries; for a TFLite model every tensor and every op with its inputs, outputs and key options.
 * {@code --json} prints the same with full-precision sums; {@code --values NAME} prints one array's (or a TFLite
 * constant's) values.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"List the arrays and tensors of a .pkl, .npy, .npz, .pt, .pth or .pth.tar file (name, dtype,"
        + " shape, min, max, mean) and its other entries, or the tensors and ops of a .tflite model, without"
        + " running any code from the file."})
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE",
        description = "The file: .pkl, .npy, .npz, .pt, .pth, .pth.tar, .tflite.")
    Path file;

    @Option(names = "--json", description = "Print JSON (format ambidex.inspect/1) with full-precision values.")
    boolean json;

    @Option(names = "--values", paramLabel = "NAME", description = "Print the values of the array NAME (C order).")
    String values;

    @Option(names = "--allow-object-arrays",
        description = "Read NumPy object arrays (dtype=object) in .pkl, .npy and .npz files; their elements"
            + " go through the same safe pickle reader.")
    boolean allowObjectArrays;

    @Override
    public Integer call() {
        Inspection inspection = Inspection.of(file, allowObjectArrays);
        PrintWriter out = spec.commandLine().getOut();
        if (values != null) {
            printValues(out, inspection.array(values));
        } else if (json) {
            printJson(out, inspection);
        } else {
            printTable(out, inspection);
        }
        out.flush();
        return 0;
    }

    private void printTable(PrintWriter out, Inspection inspection) {
        out.printf(Locale.ROOT, "%s: %s%n", file, inspection.kind());
        List<Inspection.ArrayEntry> arrays = inspection.arrays();
        if (inspection.tflite() != null) {
            TfliteTables.print(out, inspection.tflite());
        } else if (!arrays.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"name", "dtype", "shape", "min", "max", "mean"});
            for (Inspection.ArrayEntry a : arrays) {
                ArrayStats s = ArrayStats.of(a.array());
                rows.add(new String[] {a.name(), a.dtypeLabel(), shape(a.array().shape()), number(s.min()),
                    number(s.max()), number(s.mean()) + (s.nanCount() > 0 ? " (" + s.nanCount() + " NaN)" : "")});
            }
            TextTable.print(out, rows, 3);
            out.printf(Locale.ROOT, "%d arrays, %d elements%n", arrays.size(),
                arrays.stream().mapToLong(a -> a.array().size()).sum());
        }
        if (!inspection.others().isEmpty()) {
            out.println("other entries:");
            int width = inspection.others().stream().mapToInt(o -> o.name().length()).max().orElse(0);
            for (Inspection.OtherEntry o : inspection.others()) {
                out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", o.name(), o.text());
            }
        }
    }

    private void printJson(PrintWriter out, Inspection inspection) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("format", "ambidex.inspect/1");
        root.put("file", file.toString());
        root.put("kind", inspection.kind());
        ArrayNode arrays = root.putArray("arrays");
        for (Inspection.ArrayEntry a : inspection.arrays()) {
            ArrayStats s = ArrayStats.of(a.array());
            ObjectNode node = arrays.addObject();
            node.put("name", a.name());
            node.put("dtype", a.array().dtype().displayName());
            if (a.sparseFormat() != null) {
                node.put("sparse", a.sparseFormat());
            }
            ArrayNode shape = node.putArray("shape");
            Arrays.stream(a.array().shape()).forEach(shape::add);
            node.put("count", s.count());
            node.put("nan_count", s.nanCount());
            putNumber(node, "min", s.min());
            putNumber(node, "max", s.max());
            putNumber(node, "sum", s.sum());
            putNumber(node, "mean", s.mean());
        }
        if (inspection.tflite() != null) {
            TfliteTables.addJson(root, inspection.tflite());
        }
        ObjectNode others = root.putObject("others");
        for (Inspection.OtherEntry o : inspection.others()) {
            others.set(o.name(), mapper.valueToTree(o.jsonValue()));
        }
        try {
            out.println(mapper.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON has no NaN or infinities: they are written as strings. */
    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.put(key, Double.toString(v));
        }
    }

    private void printValues(PrintWriter out, NdArray array) {
        int[] shape = array.shape();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("format", "ambidex.inspect.values/1");
            root.put("name", values);
            root.put("dtype", array.dtype().displayName());
            ArrayNode s = root.putArray("shape");
            Arrays.stream(shape).forEach(s::add);
            ArrayNode v = root.putArray("values");
            for (long i = 0; i < array.size(); i++) {
                String text = value(array, i);
                if (array.dtype().isFloating() && Double.isFinite(array.getDouble(i))) {
                    v.add(array.getDouble(i));
                } else if (array.dtype() == DType.BOOL) {
                    v.add(array.getDouble(i) != 0);
                } else if (!array.dtype().isFloating() && !array.dtype().isComplex()) {
                    v.add(array.dtype() == DType.UINT64 ? new java.math.BigInteger(text) : java.math.BigInteger.valueOf(array.getLong(i)));
                } else {
                    v.add(text);
                }
            }
            out.println(root.toString());
            return;
        }
        out.printf(Locale.ROOT, "# %s %s %s%n", values, array.dtype(), shape(shape));
        int row = shape.length == 0 ? 1 : Math.max(shape[shape.length - 1], 1);
        StringBuilder line = new StringBuilder();
        for (long i = 0; i < array.size(); i++) {
            line.append(i % row == 0 ? "" : " ").append(value(array, i));
            if ((i + 1) % row == 0) {
                out.println(line);
                line.setLength(0);
            }
        }
    }

    /** The element's shortest exact text: floats as Java prints the float32/float64 value, integers exactly. */
    private static String value(NdArray array, long i) {
        return switch (array.dtype()) {
            case FLOAT32, FLOAT16, BFLOAT16, COMPLEX64 -> Float.toString((float) array.getDouble(i));
            case FLOAT64, COMPLEX128 -> Double.toString(array.getDouble(i));
            case BOOL -> array.getDouble(i) != 0 ? "True" : "False";
            case UINT64 -> Long.toUnsignedString(array.getLong(i));
            default -> Long.toString(array.getLong(i));
        };
    }

    static String shape(int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static BadInputException noSuchArray(Path file, String name, List<String> names) {
        return new BadInputException(file, "has no array '" + name + "' (arrays: "
            + String.join(", ", names.size() > 12 ? names.subList(0, 12) : names) + (names.size() > 12 ? ", ..." : "")
            + ")");
    }
}
