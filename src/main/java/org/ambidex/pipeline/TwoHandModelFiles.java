package org.ambidex.pipeline;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.twohand.TwoHandModel;

/**
 * Where two-hand model files come from: a path, or the default shipped inside ambidex as the class-path resource
 * {@value #DEFAULT_RESOURCE} (trained by {@code ambidex train --arch twohand} on {@code ambidex synth} data made
 * with the open hand model; docs/MODELS.md).
 */
public final class TwoHandModelFiles {

    /** Class-path resource of the default model. */
    public static final String DEFAULT_RESOURCE = "org/ambidex/models/twohand-default.pt";

    private TwoHandModelFiles() {
    }

    /** Whether this ambidex ships default weights. */
    public static boolean hasDefault() {
        return TwoHandModelFiles.class.getClassLoader().getResource(DEFAULT_RESOURCE) != null;
    }

    /**
     * The default model copied to a temporary file (the checkpoint reader needs random access).
     *
     * @throws BadInputException when this ambidex ships no default weights
     */
    public static Path defaultModel() {
        try (InputStream in = TwoHandModelFiles.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new BadInputException("this ambidex has no default model yet (no " + DEFAULT_RESOURCE
                    + " built in); use --model twohand:FILE (from ambidex train --arch twohand) or internet:FILE");
            }
            Path file = Files.createTempFile("ambidex-twohand-", ".pt");
            file.toFile().deleteOnExit();
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot copy the default model out of the jar", e);
        }
    }

    /** The hand model a model file was trained with ({@code meta.hand_model}; {@code open} when absent). */
    public static String handModel(Path file) {
        StateDict root = Checkpoints.read(file);
        if (!TwoHandModel.FORMAT.equals(root.other("format").orElse(null))) {
            throw new BadInputException(file, "is not an ambidex two-hand model (format "
                + root.other("format").orElse("missing") + ", expected " + TwoHandModel.FORMAT + ")");
        }
        Object meta = root.other("meta").orElse(null);
        if (meta instanceof Map<?, ?> m && m.get("hand_model") instanceof String s && !s.isBlank()) {
            return s;
        }
        return "open";
    }
}
