package org.ambidex.pipeline;

import java.io.IOException;
import java.io.InputStream;
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
 *
 * <p>{@link #read(Path)} and {@link #readDefault()} read a model once, checking its format; the result serves
 * both {@link #handModel(StateDict)} and {@link TwoHandModel#fromCheckpoint}. The default is read from the jar's
 * bytes, without a temporary copy.
 */
public final class TwoHandModelFiles {

    /** Class-path resource of the default model. */
    public static final String DEFAULT_RESOURCE = "org/ambidex/models/twohand-default.pt";

    /** How messages about the default model name it ({@link StateDict#sourceName()} of {@link #readDefault()}). */
    public static final String DEFAULT_NAME = "built-in " + DEFAULT_RESOURCE;

    private TwoHandModelFiles() {
    }

    /** Whether this ambidex ships default weights. */
    public static boolean hasDefault() {
        return TwoHandModelFiles.class.getClassLoader().getResource(DEFAULT_RESOURCE) != null;
    }

    /**
     * The default model, read from the jar (its format checked).
     *
     * @throws BadInputException when this ambidex ships no default weights
     */
    public static StateDict readDefault() {
        byte[] bytes;
        try (InputStream in = TwoHandModelFiles.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw noDefault();
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default model out of the jar", e);
        }
        return TwoHandModel.checkFormat(Checkpoints.read(bytes, DEFAULT_NAME));
    }

    /** The two-hand model file {@code file}, read once and its format checked. */
    public static StateDict read(Path file) {
        return TwoHandModel.checkFormat(Checkpoints.read(file));
    }

    /**
     * The hand model a model already read was trained with ({@code meta.hand_model}; {@code open} when absent).
     *
     * @throws BadInputException when {@code model} is not a two-hand model
     */
    public static String handModel(StateDict model) {
        Object meta = TwoHandModel.checkFormat(model).other("meta").orElse(null);
        if (meta instanceof Map<?, ?> m && m.get("hand_model") instanceof String s && !s.isBlank()) {
            return s;
        }
        return "open";
    }

    private static BadInputException noDefault() {
        return new BadInputException("this ambidex has no default model yet (no " + DEFAULT_RESOURCE
            + " built in); use --model twohand:FILE (from ambidex train --arch twohand) or internet:FILE");
    }
}
