package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.eval.EvalReport;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.PredictionsReader;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.twohand.TwoHandConfig;
import org.ambidex.nets.twohand.TwoHandModel;
import org.ambidex.pipeline.TwoHandValidation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ambidex predict} and {@code ambidex demo} on a small {@code ambidex synth} dataset with a small untrained
 * network: every sample predicted once under its annotation id, the numbers {@code eval} and {@code demo} print
 * equal to the in-process evaluation of the same network.
 */
class PredictAndDemoTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path data;
    static Path model;

    @BeforeAll
    static void setUp() {
        data = dir.resolve("synth");
        CliRun synth = CliRun.of("--quiet", "synth", "--out", data.toString(), "--frames", "10", "--cameras", "1",
            "--seed", "5");
        assertThat(synth.status()).as(synth.err()).isZero();
        HandModel right = HandModelLoader.resolve("open", HandSide.RIGHT, true);
        HandModel left = HandModelLoader.resolve("open", HandSide.LEFT, true);
        model = dir.resolve("twohand.pt");
        TwoHandConfig config = new TwoHandConfig(18, 8, 64, 1, 4, 32, TwoHandConfig.IMAGENET_MEAN,
            TwoHandConfig.IMAGENET_STD);
        try (TwoHandModel m = TwoHandModel.initialised(config, right, left, 4)) {
            m.save(model, Map.of("hand_model", "open"));
        }
    }

    private static List<Sample> samples(String split) {
        try (InterHandDataset ds = InterHandDataset.open(data, InterHandFilter.all(split))) {
            return new ArrayList<>(ds.samples());
        }
    }

    private static EvalReport inProcess(List<Sample> samples) {
        HandModel right = HandModelLoader.resolve("open", HandSide.RIGHT, true);
        HandModel left = HandModelLoader.resolve("open", HandSide.LEFT, true);
        try (TwoHandModel m = TwoHandModel.load(model, right, left)) {
            TwoHandValidation v = new TwoHandValidation(samples, 3, "open");
            List<org.ambidex.eval.GroundTruthSample> truth = new ArrayList<>();
            List<Prediction> predictions = new ArrayList<>();
            List<Prediction> raw = v.predict(m);
            List<org.ambidex.eval.GroundTruthSample> annotated = v.truth();
            for (int i = 0; i < samples.size(); i++) {
                String id = samples.get(i).split() + "/" + samples.get(i).annotationId();
                truth.add(annotated.get(i).withId(id));
                Prediction p = raw.get(i);
                predictions.add(new Prediction(id, p.right(), p.left(), p.relativeRoot()));
            }
            return org.ambidex.eval.Evaluator.evaluate(new org.ambidex.eval.InterHandProtocol(
                org.ambidex.eval.PckThresholds.DEFAULT), truth, predictions);
        }
    }

    @Test
    void predictWritesEverySampleOnceAndEvalScoresItAsTheValidationDoes() throws Exception {
        Path pred = dir.resolve("pred.json");
        CliRun run = CliRun.of("--quiet", "predict", "--data", data.toString(), "--split", "train", "--model",
            "twohand:" + model, "--out", pred.toString(), "--batch-size", "3");
        assertThat(run.status()).as(run.err()).isZero();
        List<Sample> samples = samples("train");
        List<Prediction> predictions = PredictionsReader.readAll(pred);
        assertThat(predictions).extracting(Prediction::id)
            .containsExactlyElementsOf(samples.stream().map(s -> Long.toString(s.annotationId())).toList());

        Path out = dir.resolve("eval");
        CliRun eval = CliRun.of("--quiet", "eval", "--protocol", "interhand", "--data", data.toString(), "--split",
            "train", "--pred", pred.toString(), "--out", out.toString());
        assertThat(eval.status()).as(eval.err()).isZero();
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        EvalReport expected = inProcess(samples);
        assertThat(table(report, "mpjpe")).isCloseTo(
            expected.table("mpjpe").value(org.ambidex.eval.Split.ALL, org.ambidex.eval.HandColumn.BOTH), within(1e-6));
        assertThat(table(report, "mpjpe")).isGreaterThan(0.001);
    }

    @Test
    void predictOnAnEmptySelectionIsOneLine() {
        CliRun run = CliRun.of("--quiet", "predict", "--data", data.toString(), "--split", "train", "--model",
            "twohand:" + model, "--out", dir.resolve("none.json").toString(), "--capture", "999");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(dir.resolve("none.json")).doesNotExist();
    }

    @Test
    void demoWritesEveryExamplesOutputsAndPrintsTheProtocolsNumbers() throws Exception {
        Path out = dir.resolve("demo");
        CliRun run = CliRun.of("--quiet", "demo", "--examples", data.toString(), "--model", "twohand:" + model,
            "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        List<Sample> all = new ArrayList<>();
        for (String split : List.of("train", "val", "test")) {
            all.addAll(samples(split));
        }
        assertThat(all).hasSize(10);
        for (Sample s : all) {
            String stem = "capture" + s.capture() + "_cam" + s.cameraId() + "_frame" + s.frame();
            for (String suffix : List.of(".json", "_right.obj", "_left.obj", "_hands.glb", "_overlay.png",
                "_views.png", "_skeleton.png")) {
                assertThat(out.resolve(stem + suffix)).exists();
            }
            assertThat(run.out()).contains(stem);
        }
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        double mpjpe = table(report, "mpjpe");
        assertThat(mpjpe).isCloseTo(
            inProcess(all).table("mpjpe").value(org.ambidex.eval.Split.ALL, org.ambidex.eval.HandColumn.BOTH),
            within(1e-6));
        assertThat(run.out()).contains(String.format(java.util.Locale.ROOT, "MPJPE %.1f mm", 1000 * mpjpe));
        assertThat(PredictionsReader.readAll(out.resolve("predictions.json"))).hasSize(10);
    }

    @Test
    void demoWithoutExamplesIsOneLine() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.of("demo", "--examples", empty.toString(), "--model", "twohand:" + model, "--out",
            dir.resolve("demo-empty").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains(empty.toString());
    }

    @Test
    void demoWithoutModelUsesTheShippedDefaultOrSaysThereIsNone() {
        CliRun run = CliRun.of("--quiet", "demo", "--examples", data.toString(), "--out",
            dir.resolve("demo-default").toString());
        if (org.ambidex.pipeline.TwoHandModelFiles.hasDefault()) {
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).contains("interhand protocol");
        } else {
            assertThat(run.status()).isEqualTo(2);
            assertThat(run.errLines()).isEqualTo(1);
            assertThat(run.err()).contains("no default model");
            assertThat(dir.resolve("demo-default")).doesNotExist();
        }
    }

    private static double table(JsonNode report, String key) {
        for (JsonNode t : report.get("tables")) {
            if (t.get("key").asText().equals(key)) {
                return t.get("values").get("all").get("both").asDouble();
            }
        }
        throw new AssertionError("no table " + key);
    }
}
