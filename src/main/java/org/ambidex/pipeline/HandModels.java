package org.ambidex.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;

/**
 * The right and the left hand model a command names with {@code --hand-model}: {@code open} (ambidex's own
 * model, built in) or a folder holding the official {@code MANO_RIGHT.pkl} and {@code MANO_LEFT.pkl} (or
 * {@code .npz}). The left model's shape-direction defect is fixed when detected, as every seed code base does.
 *
 * @param spec the name as given
 * @param right the right hand's model
 * @param left the left hand's model
 */
public record HandModels(String spec, HandModel right, HandModel left) {

    /** The hand-model names {@code --hand-model} accepts, with what each is, for {@code ambidex models}. */
    public static final List<String> CHOICES = List.of(
        "open: ambidex's own MANO-compatible hand model (built in; docs/HAND_MODEL.md)",
        "DIR: a folder with the official MANO_RIGHT.pkl and MANO_LEFT.pkl (or .npz), from mano.is.tue.mpg.de");

    /**
     * The pair {@code spec} names.
     *
     * @throws BadInputException when it is neither {@code open} nor a folder holding both hand models
     */
    public static HandModels resolve(String spec) {
        if (!spec.strip().equalsIgnoreCase(HandModelLoader.OPEN) && !Files.isDirectory(Path.of(spec))) {
            throw new BadInputException(Path.of(spec), "expected 'open' or a folder holding MANO_RIGHT and "
                + "MANO_LEFT (.pkl or .npz)");
        }
        return new HandModels(spec, HandModelLoader.resolve(spec, HandSide.RIGHT, true),
            HandModelLoader.resolve(spec, HandSide.LEFT, true));
    }

    /** The model of hand {@code index} (0 right, 1 left). */
    public HandModel get(int index) {
        return index == 0 ? right : left;
    }
}
