package org.ambidex.cli;

import org.ambidex.core.BadInputException;
import org.ambidex.pipeline.ReconstructorOptions;
import picocli.CommandLine.Option;

/** The options of {@code reconstruct}, {@code predict} and {@code demo} that set a reconstructor up. */
final class ReconstructorMixin {

    @Option(names = "--hand-model", paramLabel = "open|DIR",
        description = "Hand model of the meshes: open (built in) or a folder with the official MANO_RIGHT.pkl and"
            + " MANO_LEFT.pkl (hand finders; default: open). Two-hand networks use the one they were trained with;"
            + " s2hand needs the official MANO_RIGHT.pkl (the file or its folder; default: beside the checkpoint).")
    String handModel;

    @Option(names = "--max-hands", paramLabel = "N", defaultValue = "2",
        description = "Hand finders: the most hands to give (default: ${DEFAULT-VALUE}).")
    int maxHands;

    @Option(names = "--mirrored",
        description = "Hand finders: the photos are mirrored (a selfie camera's), which swaps right and left.")
    boolean mirrored;

    @Option(names = "--tile-levels", paramLabel = "N", defaultValue = "2",
        description = "Hand finders: levels of the search for small hands in tiles of 1/2, 1/4, 1/8 of the photo,"
            + " run while fewer than --max-hands are found; 0 to 3, each about four times the cost of the last;"
            + " from 1, the hands of the people MediaPipe Pose finds are looked for first (default: ${DEFAULT-VALUE}).")
    int tileLevels;

    @Option(names = "--graphs", paramLabel = "DIR",
        description = "intaghand: the folder with graph_left.pkl and graph_right.pkl when --model names the"
            + " checkpoint itself (default: beside it, or one folder up from model/).")
    java.nio.file.Path graphs;

    ReconstructorOptions options() {
        if (maxHands < 1) {
            throw new BadInputException("--max-hands must be at least 1, got " + maxHands);
        }
        if (tileLevels < 0 || tileLevels > 3) {
            throw new BadInputException("--tile-levels must be 0 to 3, got " + tileLevels);
        }
        return new ReconstructorOptions(handModel, maxHands, mirrored, tileLevels, graphs);
    }
}
