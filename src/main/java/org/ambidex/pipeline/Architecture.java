package org.ambidex.pipeline;

import java.util.Optional;
import org.ambidex.data.Sample;

/**
 * One network architecture ambidex can run: how its model files open, what input it takes, how its reference
 * evaluates it, and how it trains. Every command that runs or trains a model reaches it through
 * {@link Architectures}; adding an architecture means one implementation here and one line there.
 */
public interface Architecture {

    /** The name in {@code --model NAME:PATH} and {@code train --arch NAME}. */
    String name();

    /** One line saying what the network is and what it gives. */
    String summary();

    /** One line saying what image input it takes (crop, size, normalisation). */
    String input();

    /** What {@code PATH} in {@code NAME:PATH} must be. */
    String modelFiles();

    /** Whether it opens weights from a file ({@code NAME:PATH}); false for networks built into ambidex only. */
    default boolean takesFiles() {
        return true;
    }

    /**
     * Whether its reference reads image files upright (EXIF orientation applied, OpenCV's default); false for one
     * that reads the pixels as stored ({@code IMREAD_IGNORE_ORIENTATION}).
     */
    default boolean appliesExifOrientation() {
        return true;
    }

    /** Whether it needs the hands' box (it cannot look at a whole image). */
    boolean needsBox();

    /** Whether this ambidex ships weights for it, opened by {@code NAME} alone (or no {@code --model}). */
    boolean hasBuiltInModel();

    /**
     * Opens the model {@code spec} names ({@code spec.path()} null: the built-in weights) with {@code options}.
     *
     * @throws org.ambidex.core.BadInputException when the file is missing or not a model of this architecture, or
     *     an option is one it cannot honour
     */
    Reconstructor open(ModelSpec spec, ReconstructorOptions options);

    /**
     * The request with which its reference evaluates an annotated sample (the crop about the annotated box, the
     * sample's camera, and whatever ground truth the reference uses), as {@code ambidex predict} runs it.
     */
    ReconstructionRequest evaluationRequest(Sample sample);

    /** How {@code ambidex train --arch NAME} trains it, or empty when ambidex cannot train it. */
    Optional<Trainer> trainer();
}
