package org.ambidex.pipeline;

import java.nio.file.Path;
import org.ambidex.core.BadInputException;
import org.ambidex.detect.FinderOptions;

/**
 * How a {@link Reconstructor} is set up, beyond its weights. A model that cannot honour a setting refuses it when
 * opened ({@link Architecture#open}), with one line saying which.
 *
 * @param handModel the hand model meshes are fitted with ({@code open}, or a folder of official MANO files), or
 *     {@code null} for the model's own (a two-hand network's, the open model for hand finders)
 * @param maxHands the most hands a hand finder gives (two-hand networks always give a right and a left hand)
 * @param mirrored whether photos are mirrored (a selfie camera's): hand finders then read handedness as MediaPipe
 *     does
 * @param tileLevels levels of a hand finder's search in tiles of the photo for hands too small to see whole (0 to
 *     3; {@link org.ambidex.detect.FinderOptions#tileLevels()})
 * @param graphs the folder of IntagHand's graph pickles when its checkpoint is given on its own, or {@code null}
 */
public record ReconstructorOptions(String handModel, int maxHands, boolean mirrored, int tileLevels, Path graphs) {

    /** The defaults: the model's own hand model, two hands, ordinary photos, two tile levels. */
    public static final ReconstructorOptions DEFAULT = new ReconstructorOptions(null, 2, false, 2);

    public ReconstructorOptions {
        if (maxHands < 1) {
            throw new IllegalArgumentException("max hands must be at least 1, got " + maxHands);
        }
        if (tileLevels < 0 || tileLevels > FinderOptions.MAX_TILE_LEVELS) {
            throw new IllegalArgumentException("tile levels must be 0 to "
                + FinderOptions.MAX_TILE_LEVELS + ", got " + tileLevels);
        }
    }

    /** Without IntagHand's graph folder. */
    public ReconstructorOptions(String handModel, int maxHands, boolean mirrored, int tileLevels) {
        this(handModel, maxHands, mirrored, tileLevels, null);
    }

    /** How the photo hand finder searches under these options (its own refinement count). */
    FinderOptions finderOptions() {
        return new FinderOptions(maxHands, mirrored, tileLevels, FinderOptions.DEFAULT.refinements());
    }

    public ReconstructorOptions withHandModel(String spec) {
        return new ReconstructorOptions(spec, maxHands, mirrored, tileLevels, graphs);
    }

    public ReconstructorOptions withMaxHands(int n) {
        return new ReconstructorOptions(handModel, n, mirrored, tileLevels, graphs);
    }

    public ReconstructorOptions withMirrored(boolean m) {
        return new ReconstructorOptions(handModel, maxHands, m, tileLevels, graphs);
    }

    public ReconstructorOptions withTileLevels(int levels) {
        return new ReconstructorOptions(handModel, maxHands, mirrored, levels, graphs);
    }

    public ReconstructorOptions withGraphs(Path folder) {
        return new ReconstructorOptions(handModel, maxHands, mirrored, tileLevels, folder);
    }

    /** Refuses {@code --graphs} for an architecture other than IntagHand. */
    void requireNoGraphs(String architecture) {
        if (graphs != null) {
            throw new BadInputException("--graphs " + graphs + ": only intaghand reads graph files, not "
                + architecture);
        }
    }

    /**
     * Refuses the settings a two-hand network cannot honour: another hand model than its own, a hand count, mirrored
     * photos, small-hand search off.
     *
     * @param ownHandModel the network's hand model
     */
    void requireTwoHandDefaults(String architecture, String ownHandModel) {
        requireNoGraphs(architecture);
        if (handModel != null && !handModel.equals(ownHandModel)) {
            throw new BadInputException("--hand-model " + handModel + ": " + architecture
                + " gives meshes of the hand model it was trained with (" + ownHandModel + "); leave --hand-model out");
        }
        if (maxHands != DEFAULT.maxHands || mirrored || tileLevels != DEFAULT.tileLevels) {
            throw new BadInputException(architecture + " always gives a right and a left hand from"
                + " the photo as it is: --max-hands, --mirrored and --tile-levels apply to hand finders (mediapipe)");
        }
    }
}
