package org.ambidex.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BadInputException;
import org.ambidex.core.BuildInfo;
import org.ambidex.core.OutputFolder;
import org.ambidex.core.Progress;
import org.ambidex.data.HandType;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.data.interhand.InterHandLayout;
import org.ambidex.eval.EvalReport;
import org.ambidex.eval.Evaluator;
import org.ambidex.eval.GroundTruthIndex;
import org.ambidex.eval.GroundTruthSample;
import org.ambidex.eval.HandColumn;
import org.ambidex.eval.InterHandGroundTruth;
import org.ambidex.eval.InterHandProtocol;
import org.ambidex.eval.PckThresholds;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.PredictionsWriter;
import org.ambidex.eval.ReportJson;
import org.ambidex.eval.ReportMarkdown;
import org.ambidex.eval.Split;
import org.ambidex.io.image.Images;
import org.ambidex.pipeline.HandReconstruction;
import org.ambidex.pipeline.ModelSpec;
import org.ambidex.pipeline.Reconstruction;
import org.ambidex.pipeline.ReconstructionFiles;
import org.ambidex.pipeline.ReconstructionPrediction;
import org.ambidex.pipeline.ReconstructionRequest;
import org.ambidex.pipeline.Reconstructor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ambidex demo}: reconstructs the bundled example images (an {@code ambidex synth} dataset with its ground
 * truth, in {@code examples/}) with the default model, writes every image's outputs as {@code reconstruct} does,
 * and prints each image's accuracy and the total under the {@code interhand} protocol.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Reconstruct the bundled example images with the default model, write the results into --out and"
        + " print their accuracy against the examples' ground truth (interhand protocol).",
        "The examples are synthetic (made by 'ambidex synth' with a seed no model saw in training); see"
            + " docs/MODELS.md for accuracy on real photographs."})
final class DemoCommand implements Callable<Integer> {

    /** System property the launcher sets to the ambidex folder (where {@code examples/} is). */
    static final String HOME_PROPERTY = "ambidex.home";

    @Spec
    CommandSpec spec;

    @Option(names = "--examples", paramLabel = "DIR",
        description = "An InterHand2.6M-format folder to reconstruct (default: the examples/ folder of ambidex).")
    Path examples;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "out",
        description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--model", paramLabel = "ARCH:PATH", description = ModelOption.DESCRIPTION)
    String model;

    @Mixin
    ReconstructorMixin setup;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for the network (default: PyTorch's).")
    Integer threads;

    @Override
    public Integer call() throws java.io.IOException {
        ModelSpec modelSpec = ModelOption.resolve(model);
        Path folder = examples != null ? examples : defaultExamples();
        List<Sample> samples = samples(folder);
        ModelOption.threads(threads);
        OutputFolder.prepare(out);
        List<Prediction> predictions = new ArrayList<>();
        List<GroundTruthSample> truth = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Reconstruction> results = new ArrayList<>();
        long networkNanos = 0;
        try (Reconstructor reconstructor = Reconstructor.open(modelSpec, setup.options());
             Progress progress = Progress.start("demo", samples.size())) {
            for (Sample s : samples) {
                String name = stem(s);
                progress.status(name);
                BufferedImage picture = Images.read(s.image());
                ReconstructionRequest request = new ReconstructionRequest(s.bbox(), s.camera().intrinsics(), null);
                long start = System.nanoTime();
                Reconstruction r = reconstructor.reconstruct(picture, request);
                networkNanos += System.nanoTime() - start;
                ReconstructionFiles.write(out, name, s.image().toString(), picture, r,
                    ReconstructionFiles.Options.DEFAULT);
                // Annotation ids are unique within a split only; the examples may span splits.
                String id = s.split() + "/" + s.annotationId();
                predictions.add(ReconstructionPrediction.of(id, r));
                truth.add(InterHandGroundTruth.of(s).withId(id));
                names.add(name);
                results.add(r);
                progress.step();
            }
        }
        InterHandProtocol protocol = new InterHandProtocol(PckThresholds.DEFAULT);
        EvalReport report = Evaluator.evaluate(protocol, truth, predictions);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("ambidex", BuildInfo.current().describe());
        provenance.put("model", modelSpec.toString());
        provenance.put("examples", folder.toString());
        PredictionsWriter.write(out.resolve("predictions.json"), provenance, predictions);
        ReportJson.write(out.resolve("report.json"), report, provenance);
        AtomicOutput.writeString(out.resolve("report.md"), ReportMarkdown.render(report, provenance, Map.of()));

        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-28s %-12s %-12s %12s%n", "image", "hands", "predicted", "MPJPE (mm)");
        for (int i = 0; i < samples.size(); i++) {
            // one image at a time, for its own line: no progress bar per image
            EvalReport one = Evaluator.evaluate(protocol, GroundTruthIndex.of(List.of(truth.get(i))),
                List.of(predictions.get(i)), Progress.silent());
            o.printf(Locale.ROOT, "%-28s %-12s %-12s %12s%n", names.get(i), samples.get(i).handType().label(),
                predicted(results.get(i)), mm(one.table("mpjpe").value(Split.ALL, HandColumn.BOTH)));
        }
        o.printf(Locale.ROOT, "%n%d images (%s): MPJPE %s mm (right %s, left %s), MRRPE %s mm, handedness %.1f%%"
                + " (interhand protocol)%n", samples.size(), modelSpec.architecture().name(),
            mm(report.table("mpjpe").value(Split.ALL, HandColumn.BOTH)),
            mm(report.table("mpjpe").value(Split.ALL, HandColumn.RIGHT)),
            mm(report.table("mpjpe").value(Split.ALL, HandColumn.LEFT)), mm(report.scalar("mrrpe").value()),
            100 * report.scalar("handedness_accuracy").value());
        o.printf(Locale.ROOT, "network %.0f ms per image (mean, with cropping; without file writing)%n",
            networkNanos / 1e6 / samples.size());
        o.println("wrote " + out + ": per image NAME.json, NAME_right.obj, NAME_left.obj, NAME_hands.glb, NAME_overlay.png,"
            + " NAME_views.png, NAME_skeleton.png; predictions.json, report.json, report.md");
        o.println("These examples are synthetic renders of ambidex's open hand model. The default model (MediaPipe's"
            + " networks, trained on real photographs, with the hand model fitted) is made for photos and misses"
            + " hands in renders; '--model twohand' runs the network trained on such renders. Accuracy on real"
            + " photographs: docs/MODELS.md.");
        o.flush();
        return 0;
    }

    /** The examples folder next to the launcher, or {@code examples} in the working folder. */
    private static Path defaultExamples() {
        String home = System.getProperty(HOME_PROPERTY);
        return home != null && !home.isBlank() ? Path.of(home, "examples") : Path.of("examples");
    }

    /** Every annotated sample of every split the folder holds (train, val, test), in that order. */
    private static List<Sample> samples(Path folder) {
        InterHandLayout layout = new InterHandLayout(folder);
        List<Sample> all = new ArrayList<>();
        for (String split : List.of("train", "val", "test")) {
            if (!Files.isRegularFile(layout.annotation(split, null, InterHandLayout.AnnotationFile.DATA))) {
                continue;
            }
            try (InterHandDataset data = InterHandDataset.open(folder, InterHandFilter.all(split))) {
                all.addAll(data.samples());
            }
        }
        if (all.isEmpty()) {
            throw new BadInputException(folder, "holds no annotated images; expected an InterHand2.6M-format folder"
                + " (annotations/<split>/InterHand2.6M_<split>_data.json) such as 'ambidex synth' writes");
        }
        return all;
    }

    private static String stem(Sample s) {
        return "capture" + s.capture() + "_cam" + s.cameraId() + "_frame" + s.frame();
    }

    /** The hand type the reconstruction calls present, as the annotation labels it ({@code none} for no hand). */
    private static String predicted(Reconstruction r) {
        boolean[] present = new boolean[2];
        for (HandReconstruction h : r.hands()) {
            present[h.side().index()] |= h.present();
        }
        HandType type = HandType.ofPresence(present[0], present[1]);
        return type == null ? "none" : type.label();
    }

    private static String mm(double metres) {
        return Double.isFinite(metres) ? String.format(Locale.ROOT, "%.1f", 1000 * metres) : "-";
    }
}
