package org.ambidex.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ambidex.data.interhand.HandTypeSelection;
import org.ambidex.data.interhand.InterHandFilter;
import picocli.CommandLine.Option;

/** The options naming an InterHand2.6M-format dataset and which of its samples to read. */
final class DatasetOptions {

    @Option(names = "--data", required = true, paramLabel = "DIR",
        description = "Dataset root: images/<split>/..., annotations/<split>/InterHand2.6M_<split>_*.json.")
    Path data;

    @Option(names = "--hand-type", paramLabel = "TYPE", defaultValue = "all",
        description = "single, interacting or all (default: ${DEFAULT-VALUE}).")
    HandTypeSelection handTypes;

    @Option(names = "--capture", paramLabel = "N", split = ",", description = "Keep only these captures.")
    List<Integer> captures = List.of();

    @Option(names = "--camera", paramLabel = "ID", split = ",", description = "Keep only these camera ids.")
    List<String> cameras = List.of();

    @Option(names = "--subset", paramLabel = "NAME",
        description = "Annotation subset folder (annotations/<NAME>/<split>/), e.g. all, human_annot, machine_annot.")
    String subset;

    @Option(names = "--valid-hand-type-only", description = "Keep only annotations with hand_type_valid set.")
    boolean validHandTypeOnly;

    InterHandFilter filter(String split) {
        Set<Integer> c = new LinkedHashSet<>(captures);
        Set<String> k = new LinkedHashSet<>(cameras);
        return new InterHandFilter(split, handTypes, c, k, subset, validHandTypeOnly);
    }
}
