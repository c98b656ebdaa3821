package org.ambidex.cli;

import org.ambidex.core.BadInputException;
import org.ambidex.pipeline.ReconstructorOptions;
import picocli.CommandLine.Option;

/** The options of {@code reconstruct}, {@code predict} and {@code demo} that set a reconstructor up. */
final class ReconstructorMixin {

    @Option(names = "--hand-model", paramLabel = "open|DIR",
        description = "Hand model of the meshes: open (built in) or a folder with the official MANO_RIGHT.pkl and"
            + " MANO_LEFT.pkl (hand finders; default: open). Two-hand networks use the one they were trained with.")
    String handModel;

    @Option(names = "--max-hands", paramLabel = "N", defaultValue = "2",
        description = "Hand finders: the most hands to give (default: ${DEFAULT-VALUE}).")
    int maxHands;

    @Option(names = "--mirrored",
        description = "Hand finders: the photos are mirrored (a selfie camera's), which swaps right and left.")
    boolean mirrored;

    @Option(names = "--no-small-hands",
        description = "Hand finders: do not search tiles of the photo for hands too small to see whole (faster).")
    boolean noSmallHands;

    ReconstructorOptions options() {
        if (maxHands < 1) {
            throw new BadInputException("--max-hands must be at least 1, got " + maxHands);
        }
        return new ReconstructorOptions(handModel, maxHands, mirrored, !noSmallHands);
    }
}
