package org.ambidex.nets.s2hand;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.io.torch.TorchCheckpointWriter;

/**
 * An S2HAND checkpoint ({@code texturehand_freihand.t7}, {@code texturehand_ho3d.t7}) as its {@code save_model}
 * writes it: one state dict per sub-module ({@code encoder}, {@code decoder}, {@code texture_light_from_low},
 * optionally {@code rgb2hm}, ...), with no DataParallel prefix inside, beside {@code args} (an
 * {@code argparse.Namespace}, read as the dictionary of its attributes without running code), {@code optimizer} and
 * {@code epoch}.
 *
 * @param source the file, for messages
 * @param weights every tensor outside the optimizer state, named {@code MODULE.NAME} (the names of
 *     {@link S2HandNet}'s state dict)
 * @param args the training run's {@code argparse.Namespace} attributes (empty when absent)
 * @param epoch the {@code epoch} entry, when it is an integer
 */
public record S2HandCheckpoint(Path source, StateDict weights, Map<String, Object> args, Optional<Long> epoch) {

    public S2HandCheckpoint {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** Reads {@code file} (zip or legacy PyTorch format) without executing any of its code. */
    public static S2HandCheckpoint read(Path file) {
        return of(Checkpoints.read(file));
    }

    /**
     * Writes {@code weights} (named {@code MODULE.NAME}, as {@link S2HandNet}'s state dict) in the layout
     * {@code save_model} gives the published files: {@code {'epoch': epoch, MODULE: {NAME: tensor}, ...}}, atomically.
     * {@link #read} and the reference's loader (which requires {@code epoch}) open it.
     */
    public static void write(Path file, Map<String, NdArray> weights, long epoch) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("epoch", epoch);
        for (Map.Entry<String, NdArray> e : weights.entrySet()) {
            int dot = e.getKey().indexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException("weight " + e.getKey() + " names no sub-module");
            }
            @SuppressWarnings("unchecked")
            Map<String, NdArray> module = (Map<String, NdArray>) root.computeIfAbsent(e.getKey().substring(0, dot),
                k -> new LinkedHashMap<String, NdArray>());
            module.put(e.getKey().substring(dot + 1), e.getValue());
        }
        TorchCheckpointWriter.writeObject(file, root);
    }

    /** The checkpoint already read into {@code file}. */
    public static S2HandCheckpoint of(StateDict file) {
        Map<String, NdArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, NdArray> e : file.allTensors().entrySet()) {
            if (!e.getKey().startsWith("optimizer.")) {
                tensors.put(e.getKey(), e.getValue());
            }
        }
        Map<String, Object> args = new LinkedHashMap<>();
        if (file.other("args").orElse(null) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> args.put(String.valueOf(k), v));
        }
        return new S2HandCheckpoint(file.source(), StateDict.of(file.source(), tensors), args, file.epoch());
    }

    /** Whether the file carries the heat-map branch ({@code rgb2hm}; the 3-D-only stages' files do not). */
    public boolean hasHeatmapBranch() {
        return weights.tensors().keySet().stream().anyMatch(S2HandCheckpoint::isHeatmapBranch);
    }

    /** Whether a tensor belongs to the heat-map branch ({@code rgb2hm.*}). */
    public static boolean isHeatmapBranch(String name) {
        return name.startsWith(S2HandNet.HEATMAP + ".");
    }

    /**
     * Refuses training settings under which the network is not the one ambidex runs: another regression mode than
     * {@code mano}, or the 2-D branch as attention ({@code use_2d_as_attention}).
     */
    public void requireSupportedArgs() {
        Object mode = args.get("regress_mode");
        if (mode != null && !"mano".equals(mode)) {
            throw new BadInputException(source, "was trained with regress_mode '" + mode + "'; ambidex runs S2HAND's"
                + " 'mano' regression only");
        }
        if (Boolean.TRUE.equals(args.get("use_2d_as_attention"))) {
            throw new BadInputException(source, "was trained with use_2d_as_attention; ambidex runs S2HAND without"
                + " the heat-map attention");
        }
    }
}
