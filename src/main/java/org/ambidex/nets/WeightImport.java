package org.ambidex.nets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ambidex.core.BadInputException;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.StateDict;

/**
 * Copies a PyTorch state dict into a {@link TorchModule}, matching every name and shape first: a checkpoint of
 * another architecture, or a truncated one, is refused with the names at fault (missing, unexpected, wrong shape)
 * before any value is written.
 */
public final class WeightImport {

    /** How many names of each kind a message lists before "and N more". */
    private static final int LISTED = 8;

    private WeightImport() {
    }

    /**
     * What a state dict lacks, adds or shapes differently compared with a module.
     *
     * @param missing module entries the state dict does not hold
     * @param unexpected state-dict tensors the module has no entry for
     * @param wrongShape {@code name: found (..) expected (..)} for the entries present in both with other shapes
     *     or a non-numeric type
     * @param matched entries present in both with the right shape
     */
    public record Report(List<String> missing, List<String> unexpected, List<String> wrongShape, int matched) {

        public Report {
            missing = List.copyOf(missing);
            unexpected = List.copyOf(unexpected);
            wrongShape = List.copyOf(wrongShape);
        }

        /** Whether every name and shape matches. */
        public boolean matches() {
            return missing.isEmpty() && unexpected.isEmpty() && wrongShape.isEmpty();
        }

        /** One line: counts and the first names of each kind. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            part(parts, "missing", missing);
            part(parts, "unexpected", unexpected);
            part(parts, "wrong shape", wrongShape);
            return String.join("; ", parts);
        }

        private static void part(List<String> parts, String what, List<String> names) {
            if (names.isEmpty()) {
                return;
            }
            List<String> shown = names.size() > LISTED ? names.subList(0, LISTED) : names;
            parts.add(names.size() + " " + what + " (" + String.join(", ", shown)
                + (names.size() > LISTED ? ", and " + (names.size() - LISTED) + " more" : "") + ")");
        }
    }

    /**
     * Compares {@code weights} with {@code module}. Entries accepted by {@code optional} may be absent
     * ({@code num_batches_tracked}, which checkpoints from before PyTorch 0.4.1 lack); tensors accepted by
     * {@code ignored} are not reported as unexpected (a classifier's {@code fc.*} when loading a backbone).
     */
    public static Report compare(TorchModule module, StateDict weights, Predicate<String> optional,
                                 Predicate<String> ignored) {
        Map<String, StateEntry> entries = module.stateEntries();
        Map<String, NdArray> tensors = weights.tensors();
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int matched = 0;
        for (Map.Entry<String, StateEntry> e : entries.entrySet()) {
            NdArray t = tensors.get(e.getKey());
            if (t == null) {
                if (!optional.test(e.getKey())) {
                    missing.add(e.getKey());
                }
            } else if (!Arrays.equals(t.shape(), e.getValue().shape()) || !compatible(t.dtype(), e.getValue())) {
                wrong.add(e.getKey() + ": " + describe(t) + " expected " + shape(e.getValue().shape()));
            } else {
                matched++;
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : tensors.keySet()) {
            if (!entries.containsKey(name) && !ignored.test(name)) {
                unexpected.add(name);
            }
        }
        return new Report(missing, unexpected, wrong, matched);
    }

    /**
     * Loads {@code weights} into {@code module} when {@link #compare} finds every name and shape matching;
     * otherwise nothing is written and the mismatch is bad input naming {@code weights.source()}.
     *
     * @param what the architecture, for the message ({@code "InterNet (ResNet-50)"})
     */
    public static Report load(TorchModule module, StateDict weights, String what, Predicate<String> ignored) {
        return load(module, weights, what, WeightImport::isCounter, ignored);
    }

    /**
     * As {@link #load(TorchModule, StateDict, String, Predicate)}, with the entries {@code optional} accepts allowed
     * to be absent (they keep their values): a sub-module some checkpoints of the architecture do not carry.
     */
    public static Report load(TorchModule module, StateDict weights, String what, Predicate<String> optional,
                              Predicate<String> ignored) {
        Report report = compare(module, weights, optional, ignored);
        if (!report.matches()) {
            throw new BadInputException(weights.source(), "is not a checkpoint of " + what + ": "
                + report.describe());
        }
        Map<String, NdArray> tensors = weights.tensors();
        for (Map.Entry<String, StateEntry> e : module.stateEntries().entrySet()) {
            NdArray t = tensors.get(e.getKey());
            if (t != null) {
                e.getValue().write(t);
            }
        }
        return report;
    }

    /** The entries of {@code module} as a state dict ({@code module.state_dict()}), values copied. */
    public static Map<String, NdArray> export(TorchModule module) {
        Map<String, NdArray> out = new LinkedHashMap<>();
        module.stateEntries().forEach((k, v) -> out.put(k, v.read()));
        return out;
    }

    /** BatchNorm's batch counter, which old checkpoints do not hold. */
    public static boolean isCounter(String name) {
        return name.endsWith("num_batches_tracked");
    }

    private static boolean compatible(DType found, StateEntry entry) {
        return entry.dtype() == DType.INT64 ? !found.isFloating() && !found.isComplex() : found.isFloating();
    }

    private static String describe(NdArray t) {
        return shape(t.shape()) + (t.dtype().isFloating() ? "" : " " + t.dtype().displayName());
    }

    private static String shape(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? "," : "").append(shape[i]);
        }
        return b.append(')').toString();
    }
}
