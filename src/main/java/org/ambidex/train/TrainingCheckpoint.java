package org.ambidex.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.io.torch.TorchCheckpointWriter;

/**
 * A resumable training checkpoint, written in the layout of InterNet's snapshots (SEED_SPEC B.6) so PyTorch code
 * loads it unchanged:
 * <pre>
 * {'epoch': last completed epoch (-1 before the first one ends),
 *  'network': state dict with DataParallel's 'module.' prefix,
 *  'optimizer': torch.optim.Adam state dict (TorchAdamState),
 *  'ambidex': {'format': 'ambidex.train-checkpoint/1', 'arch', 'step', 'settings': {...}}}
 * </pre>
 * {@code step} is the number of optimisation steps taken; with {@link DataOrder} it fixes the position in the
 * data order and the augmentation streams. {@code settings} are the run's options that must not change on resume.
 *
 * @param arch the architecture name ({@code internet})
 * @param step optimisation steps taken
 * @param epochsDone complete epochs
 * @param network the network's state dict (names without {@code module.})
 * @param optimizer the optimizer state in PyTorch's layout, or an empty map for a weights-only export
 * @param settings run settings (numbers, strings, booleans)
 */
public record TrainingCheckpoint(String arch, long step, int epochsDone, Map<String, NdArray> network,
                                 Map<String, Object> optimizer, Map<String, Object> settings) {

    /** Format tag of the {@code ambidex} entry. */
    public static final String FORMAT = "ambidex.train-checkpoint/1";
    /** DataParallel's prefix, which the reference's snapshots carry on every network key. */
    public static final String PREFIX = "module.";

    public TrainingCheckpoint {
        Objects.requireNonNull(arch, "arch");
        network = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(network));
        optimizer = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optimizer));
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Writes the resumable checkpoint atomically (temporary file, then rename). */
    public void write(Path file) {
        Map<String, Object> root = snapshot();
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("format", FORMAT);
        ours.put("arch", arch);
        ours.put("step", step);
        ours.put("settings", settings);
        root.put("ambidex", ours);
        TorchCheckpointWriter.writeObject(file, root);
    }

    /**
     * Writes only what the reference's snapshots hold (SEED_SPEC B.6): {@code {'epoch', 'network'}}, and
     * {@code 'optimizer'} when this checkpoint has one; atomically.
     */
    public void writeSnapshot(Path file) {
        TorchCheckpointWriter.writeObject(file, snapshot());
    }

    private Map<String, Object> snapshot() {
        Map<String, NdArray> prefixed = new LinkedHashMap<>();
        network.forEach((k, v) -> prefixed.put(PREFIX + k, v));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("epoch", (long) epochsDone - 1);
        root.put("network", prefixed);
        if (!optimizer.isEmpty()) {
            root.put("optimizer", optimizer);
        }
        return root;
    }

    /**
     * Reads a checkpoint written by {@link #write}; anything else (a plain snapshot, another architecture's) is bad
     * input naming the file.
     */
    public static Loaded read(Path file, String arch) {
        return read(file, arch, Checkpoints.read(file));
    }

    /** As {@link #read(Path, String)} on an already read file; {@code arch} null accepts any architecture. */
    public static Loaded read(Path file, String arch, StateDict root) {
        StateDict ours = root.find("ambidex").orElseThrow(() -> new BadInputException(file,
            "is not an ambidex training checkpoint (no 'ambidex' entry); expected a checkpoint written by ambidex "
                + "train"));
        Object format = ours.other("format").orElse(null);
        if (!FORMAT.equals(format)) {
            throw new BadInputException(file, "has checkpoint format " + format + "; expected " + FORMAT);
        }
        Object found = ours.other("arch").orElse(null);
        if (!(found instanceof String) || arch != null && !arch.equals(found)) {
            throw new BadInputException(file, "is a checkpoint of architecture " + found + ", not " + arch);
        }
        if (!(ours.other("step").orElse(null) instanceof Number step) || step.longValue() < 0) {
            throw new BadInputException(file, "has no step count");
        }
        Map<String, Object> settings = ours.find("settings").map(StateDict::others).orElse(Map.of());
        StateDict network = root.select("network").stripPrefix(PREFIX);
        return new Loaded((String) found, step.longValue(), root.epoch().orElse(-1L), network,
            root.find("optimizer").orElse(null),
            settings);
    }

    /**
     * A checkpoint as read.
     *
     * @param arch the architecture that wrote it
     * @param step optimisation steps taken
     * @param lastEpoch the {@code epoch} entry (last completed epoch, -1 for none)
     * @param network the weights, {@code module.} removed
     * @param optimizer the optimizer dictionary, or null
     * @param settings the run settings recorded
     */
    public record Loaded(String arch, long step, long lastEpoch, StateDict network, StateDict optimizer,
                         Map<String, Object> settings) {

        /** Settings that checkpoints of earlier versions did not record. */
        private static final java.util.Set<String> RECORDED_LATER = java.util.Set.of("epochs");

        /**
         * Checks that {@code current} settings equal the recorded ones; a difference is bad input naming the
         * setting, since resuming with other settings would not continue the same run.
         */
        public void requireSettings(Path file, Map<String, Object> current) {
            for (Map.Entry<String, Object> e : current.entrySet()) {
                Object saved = settings.get(e.getKey());
                if (saved == null && RECORDED_LATER.contains(e.getKey())) {
                    continue; // a checkpoint from before the setting was recorded: it cannot say
                }
                if (!same(saved, e.getValue())) {
                    throw new BadInputException(file, "was written by a run with " + e.getKey() + " = " + saved
                        + ", this run has " + e.getValue() + "; resume with the same options or use another output "
                        + "folder");
                }
            }
        }

        private static boolean same(Object a, Object b) {
            if (a instanceof Number x && b instanceof Number y) {
                return x.doubleValue() == y.doubleValue();
            }
            if (a instanceof java.util.List<?> x && b instanceof java.util.List<?> y && x.size() == y.size()) {
                for (int i = 0; i < x.size(); i++) {
                    if (!same(x.get(i), y.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            return Objects.equals(a, b);
        }
    }
}
