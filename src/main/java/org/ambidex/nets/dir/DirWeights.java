package org.ambidex.nets.dir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.StateEntry;
import org.ambidex.nets.WeightImport;

/**
 * Loads DIR's state dict as the reference's {@code load_state_dict(strict=False)} does: every tensor whose
 * name and shape match is copied; tensors the network does not hold are left unused and listed (the published
 * file's {@code backbone.fc.*}, the classifier ambidex's backbone omits, and {@code seg_loss.weight}, a loss
 * buffer). Unlike PyTorch, a tensor present under the right name with another shape is refused (PyTorch raises
 * too), and so is a file that lacks learned weights: the reference would run with its random initialisation
 * there, ambidex with zeros, and neither is DIR. What a file may lack: batch-norm counters and the decoder's
 * constant cell grids ({@code img_gird}), which ambidex writes itself. Nothing is written before every check
 * has passed.
 */
public final class DirWeights {

    private DirWeights() {
    }

    /**
     * What loading found.
     *
     * @param loaded tensors copied
     * @param unused the file's tensors the network does not hold
     * @param absent the network's entries the file lacks (counters and constant grids only)
     */
    public record Report(int loaded, List<String> unused, List<String> absent) {
        public Report {
            unused = List.copyOf(unused);
            absent = List.copyOf(absent);
        }

        /** One line for logs and reconstruction notes. */
        public String describe() {
            return loaded + " tensors loaded; " + (unused.isEmpty() ? "none unused" : unused.size() + " unused ("
                + summary(unused) + ")") + (absent.isEmpty() ? "" : "; " + absent.size() + " kept as built ("
                + summary(absent) + ")");
        }

        private static String summary(List<String> names) {
            List<String> shown = names.size() > 6 ? names.subList(0, 6) : names;
            return String.join(", ", shown) + (names.size() > 6 ? ", and " + (names.size() - 6) + " more" : "");
        }
    }

    /** Copies {@code weights} into {@code net}; bad input naming the file when a tensor does not fit. */
    public static Report load(DirNet net, StateDict weights) {
        Map<String, StateEntry> entries = net.stateEntries();
        Map<String, NdArray> tensors = weights.tensors();
        List<String> wrong = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (Map.Entry<String, StateEntry> e : entries.entrySet()) {
            NdArray t = tensors.get(e.getKey());
            if (t == null) {
                (mayBeAbsent(e.getKey()) ? absent : missing).add(e.getKey());
            } else if (!Arrays.equals(t.shape(), e.getValue().shape()) || !fits(t.dtype(), e.getKey(), e.getValue())) {
                wrong.add(e.getKey() + ": " + shape(t.shape()) + (t.dtype().isFloating() ? "" : " "
                    + t.dtype().displayName()) + " expected " + shape(e.getValue().shape()));
            }
        }
        List<String> unused = new ArrayList<>();
        for (String name : tensors.keySet()) {
            if (!entries.containsKey(name)) {
                unused.add(name);
            }
        }
        if (!wrong.isEmpty() || !missing.isEmpty()) {
            WeightImport.Report r = new WeightImport.Report(missing, unused, wrong, 0);
            throw new BadInputException(weights.source(), "is not a checkpoint of DIR " + net.config() + ": "
                + r.describe());
        }
        int loaded = 0;
        for (Map.Entry<String, StateEntry> e : entries.entrySet()) {
            NdArray t = tensors.get(e.getKey());
            if (t != null) {
                e.getValue().write(e.getValue().dtype() == DType.FLOAT32 && !t.dtype().isFloating() ? asFloats(t) : t);
                loaded++;
            }
        }
        return new Report(loaded, unused, absent);
    }

    private static boolean mayBeAbsent(String name) {
        return WeightImport.isCounter(name) || name.endsWith(".img_gird");
    }

    /** Floating tensors for floating entries; the faces (int64 in the file) into their exact float copy. */
    private static boolean fits(DType found, String name, StateEntry entry) {
        if (entry.dtype() == DType.INT64) {
            return !found.isFloating() && !found.isComplex();
        }
        return found.isFloating() || (name.endsWith(".th_faces") && !found.isComplex());
    }

    private static NdArray asFloats(NdArray t) {
        double[] d = t.toDoubleArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return NdArray.ofFloats(t.shape(), f);
    }

    private static String shape(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? "," : "").append(shape[i]);
        }
        return b.append(')').toString();
    }
}
