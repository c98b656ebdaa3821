package org.ambidex.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BadInputException;
import org.ambidex.core.BuildInfo;
import org.ambidex.core.Progress;
import org.ambidex.data.Sample;
import org.ambidex.data.coco.CocoHandReader;
import org.ambidex.data.coco.CocoHandSet;
import org.ambidex.data.freihand.FreiHandDataset;
import org.ambidex.data.ho3d.Ho3dDataset;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.PredictionsWriter;
import org.ambidex.pipeline.CocoHandPredictor;
import org.ambidex.pipeline.FreiHandPredictor;
import org.ambidex.pipeline.Ho3dPredictor;
import org.ambidex.pipeline.ModelSpec;
import org.ambidex.pipeline.Reconstructor;
import org.ambidex.pipeline.SamplePredictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ambidex predict}: runs a model over every sample of an InterHand2.6M-format split and writes the predictions
 * file ({@code ambidex.predictions/1}, ids = annotation ids) that {@code ambidex eval} scores.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Predict every sample of a dataset split with a model and write the predictions file that"
        + " 'ambidex eval' scores (ambidex.predictions/1, ids = annotation ids).",
        "Each image is cropped about its annotated box, as the references evaluate, and goes through the same path as"
            + " 'ambidex reconstruct'; InterNet's hands are placed at the annotated root depths, as its evaluation"
            + " does."})
final class PredictCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--split", paramLabel = "S",
        description = "Split of an InterHand2.6M-format folder (test, val or train) or of a FreiHAND folder"
            + " (evaluation or training: each <split>/rgb image whole with its camera, written as FreiHAND's"
            + " pred.json [xyz_list, verts_list]) or of an HO-3D folder (evaluation or training: each frame cut"
            + " about its hand as S2HAND evaluates, written as HO-3D's pred.json: HO-3D joint order, OpenGL axes).")
    String split;

    @Option(names = "--images", paramLabel = "DIR",
        description = "With --data FILE.json (a COCO-format hand keypoint file: COCO-WholeBody, OneHand10K, CMU"
            + " Panoptic, FreiHAND as mmpose converts them): the folder its file_names are in (default: the file's"
            + " folder). Each hand instance is predicted in its box, id = the instance's id, for eval --protocol"
            + " hand2d.")
    Path images;

    @Option(names = "--model", paramLabel = "ARCH:PATH", description = ModelOption.DESCRIPTION)
    String model;

    @Mixin
    ReconstructorMixin setup;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "The predictions file.")
    Path out;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "16",
        description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-samples", paramLabel = "N", defaultValue = "0",
        description = "Predict the first N samples of the split only (0: all).")
    int maxSamples;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for the network (default: PyTorch's).")
    Integer threads;

    @Override
    public Integer call() {
        if (batchSize < 1) {
            throw new BadInputException("--batch-size must be at least 1, got " + batchSize);
        }
        if (maxSamples < 0) {
            throw new BadInputException("--max-samples must not be negative, got " + maxSamples);
        }
        ModelSpec spec = ModelOption.resolve(model);
        ModelOption.threads(threads);
        if (Files.isRegularFile(dataset.data)) {
            return predictCoco(spec);
        }
        if (split != null && FreiHandDataset.isFreiHand(dataset.data, split)) {
            return predictFreiHand(spec);
        }
        if (split != null && Ho3dDataset.isHo3d(dataset.data)) {
            return predictHo3d(spec);
        }
        if (split == null) {
            throw new BadInputException("--split is needed for " + (Ho3dDataset.isHo3d(dataset.data)
                ? "an HO-3D folder (evaluation or training)" : "an InterHand2.6M-format folder") + " ("
                + dataset.data + ")");
        }
        if (images != null) {
            throw new BadInputException("--images goes with --data FILE.json (a COCO-format hand file)");
        }
        List<Prediction> predictions;
        try (InterHandDataset data = InterHandDataset.open(dataset.data, dataset.filter(split))) {
            List<Sample> all = data.samples();
            List<Sample> samples = maxSamples > 0 && maxSamples < all.size() ? all.subList(0, maxSamples) : all;
            if (samples.isEmpty()) {
                throw new BadInputException(dataset.data, "has no samples in split " + split
                    + " (after the filters); expected annotated images to predict");
            }
            try (Progress progress = Progress.start("predict", samples.size());
                 Reconstructor reconstructor = Reconstructor.open(spec, setup.options())) {
                predictions = new SamplePredictor(batchSize).predict(reconstructor, samples, progress);
            }
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("model", spec.toString());
        provenance.put("ambidex", BuildInfo.current().describe());
        provenance.put("data", dataset.data.toString());
        provenance.put("split", split);
        PredictionsWriter.write(out, provenance, predictions);
        return 0;
    }

    /** A FreiHAND split: each image whole with its camera, written as FreiHAND's pred.json. */
    private int predictFreiHand(ModelSpec spec) {
        requireNoImages();
        FreiHandDataset data = FreiHandDataset.open(dataset.data, split);
        return predictSubmission(spec, data.size(),
            (reconstructor, n, progress) -> FreiHandPredictor.predict(reconstructor, data, n, batchSize, progress));
    }

    /** An HO-3D split: each frame cut about its hand, written as HO-3D's pred.json. */
    private int predictHo3d(ModelSpec spec) {
        requireNoImages();
        Ho3dDataset data = Ho3dDataset.open(dataset.data, split);
        return predictSubmission(spec, data.size(),
            (reconstructor, n, progress) -> Ho3dPredictor.predict(reconstructor, data, n, batchSize, progress));
    }

    private void requireNoImages() {
        if (images != null) {
            throw new BadInputException("--images goes with --data FILE.json (a COCO-format hand file)");
        }
    }

    /** How a benchmark's right hands are predicted: the first {@code n} of its {@code size} samples. */
    @FunctionalInterface
    private interface Submission {
        FreiHandPredictor.Result predict(Reconstructor reconstructor, int n, Progress progress);
    }

    /** The first {@code --max-samples} of {@code size} samples predicted and written as a {@code [xyz, verts]} file. */
    private int predictSubmission(ModelSpec spec, int size, Submission submission) {
        int n = maxSamples > 0 ? Math.min(maxSamples, size) : size;
        FreiHandPredictor.Result result;
        try (Progress progress = Progress.start("predict", n);
             Reconstructor reconstructor = Reconstructor.open(spec, setup.options())) {
            result = submission.predict(reconstructor, n, progress);
        }
        AtomicOutput.writeString(out, result.submissionJson());
        return 0;
    }

    /** The hand instances of a COCO-format file, each in its annotated box. */
    private int predictCoco(ModelSpec spec) {
        if (split != null) {
            throw new BadInputException("--split does not apply to a COCO-format hand file (" + dataset.data + ")");
        }
        CocoHandSet set = CocoHandReader.read(dataset.data);
        if (set.instances().isEmpty()) {
            throw new BadInputException(dataset.data, "has no hand instances to predict");
        }
        Path folder = images != null ? images : dataset.data.toAbsolutePath().getParent();
        List<Prediction> predictions;
        try (Progress progress = Progress.start("predict", set.instances().size());
             Reconstructor reconstructor = Reconstructor.open(spec, setup.options())) {
            predictions = CocoHandPredictor.predict(reconstructor, set, folder, progress);
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("model", spec.toString());
        provenance.put("ambidex", BuildInfo.current().describe());
        provenance.put("data", dataset.data.toString());
        PredictionsWriter.write(out, provenance, predictions);
        return 0;
    }
}
