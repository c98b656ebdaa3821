package org.ambidex.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ambidex.core.BadInputException;
import org.ambidex.core.Leftovers;
import org.ambidex.core.OutputFolder;
import org.ambidex.core.Progress;
import org.ambidex.hand.HandModel;
import org.ambidex.synth.SyntheticDataset;
import org.ambidex.pipeline.HandModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ambidex synth}: a synthetic two-hand dataset in the InterHand2.6M format. */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = {"Render a synthetic dataset of interacting hands (clasp, touch, cross, pinch, fist, point, pray) "
        + "and single hands, seen by several cameras, written in the InterHand2.6M format (images, "
        + "annotations in mm, MANO-format parameters), split into train, val and test.",
        "Read it back with 'ambidex dataset ... --data DIR'."})
final class SynthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must not hold a dataset yet).")
    Path out;

    @Option(names = "--frames", required = true, paramLabel = "N", description = "Number of frames.")
    int frames;

    @Option(names = "--cameras", defaultValue = "4", paramLabel = "C",
        description = "Cameras per capture (default: ${DEFAULT-VALUE}).")
    int cameras;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
        description = "Threads making frames (default: the number of processors). The output is the same bytes "
            + "whatever the number.")
    Integer threads;

    @Option(names = "--hand-model", defaultValue = "open", paramLabel = "open|DIR",
        description = "'open' (ambidex's open hand model) or a folder with MANO_RIGHT and MANO_LEFT (.pkl or .npz) "
            + "(default: ${DEFAULT-VALUE}).")
    String handModel;

    @Override
    public Integer call() {
        if (frames < 1 || cameras < 1 || (threads != null && threads < 1)) {
            throw new ParameterException(spec.commandLine(), "--frames, --cameras and --threads must be at least 1");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException(out, "is a file; expected an output folder (a new or empty folder)");
        }
        if (holdsAnnotationFile(out.resolve("annotations"))) {
            throw new BadInputException(out, "already holds a dataset (annotations/); expected a new or empty folder");
        }
        HandModels hands = HandModels.resolve(handModel);
        OutputFolder.prepare(out);
        clearKilledRun();
        HandModel right = hands.right();
        HandModel left = hands.left();
        SyntheticDataset.Summary summary;
        try (Progress progress = Progress.start("synth", frames)) {
            summary = SyntheticDataset.generate(out, right, left, new SyntheticDataset.Options(frames, cameras, seed,
                threads != null ? threads : Runtime.getRuntime().availableProcessors()),
                progress);
        }
        spec.commandLine().getOut().printf(Locale.ROOT,
            "%s: %d images (train %d, val %d, test %d) in %.1f s, %.2f images/s%n", out, summary.total(),
            summary.images().get("train"), summary.images().get("val"), summary.images().get("test"),
            summary.seconds(), summary.total() / summary.seconds());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Whether {@code folder} holds an annotation file a finished run published (hidden spools do not count). */
    private static boolean holdsAnnotationFile(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Files.exists(folder);
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return all.anyMatch(p -> Files.isRegularFile(p) && !folder.relativize(p).toString().contains("/.")
                && !folder.relativize(p).toString().startsWith("."));
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(folder, "cannot read the folder (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A run killed part way leaves images and hidden annotation spools but no annotation file; its images are not
     * a dataset (a run with other options would mix with them), so they are removed before this run starts.
     */
    private void clearKilledRun() {
        Path annotations = out.resolve("annotations");
        if (!Files.isDirectory(annotations)) {
            return;
        }
        try {
            Leftovers.deleteTree(annotations);
            Leftovers.deleteTree(out.resolve("images"));
        } catch (IOException e) {
            throw new BadInputException(out, "cannot remove what a killed run left (" + e.getMessage() + ")", e);
        }
    }
}
