package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.InterNetCrop;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.eval.HandPrediction;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.PredictionsReader;
import org.ambidex.eval.PredictionsWriter;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.image.Images;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.zhang.ZhangModel;
import org.ambidex.nets.zhang.ZhangPrediction;
import org.ambidex.pipeline.InterNetReconstructor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ambidex predict --model zhang:...} then {@code ambidex eval --protocol zhang} on a small synthetic dataset,
 * with a random v2 snapshot from src/test/python/zhang_reference.py: the numbers equal those of the network's raw
 * output as the reference evaluates it (its mm joints, unplaced; the protocol aligns each hand by its
 * middle MCP and length), so ambidex's placement of the hands changes nothing the protocol scores.
 */
@Tag("slow")
class ZhangPredictEvalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path data;
    static Path snapshot;

    @BeforeAll
    static void setUp() throws IOException {
        PyTorch.assumeAvailable(true);
        PyTorch.scriptAt(Path.of("src/test/python/zhang_reference.py"), "net", dir.resolve("net").toString(), "3",
            "src/test/resources/fixtures/nets/tiny-internet/hands.png", "30,20,90,60");
        snapshot = dir.resolve("net/snapshot.pth.tar");
        data = dir.resolve("synth");
        CliRun synth = CliRun.of("--quiet", "synth", "--out", data.toString(), "--frames", "4", "--cameras", "1",
            "--seed", "8");
        assertThat(synth.status()).as(synth.err()).isZero();
    }

    @Test
    void evalOfPredictOutputEqualsTheReferenceEvaluationOfTheRawOutput() throws IOException {
        Path pred = dir.resolve("pred.json");
        CliRun run = CliRun.of("--quiet", "predict", "--data", data.toString(), "--split", "train", "--model",
            "zhang:" + snapshot, "--out", pred.toString(), "--batch-size", "2");
        assertThat(run.status()).as(run.err()).isZero();
        List<Prediction> predicted = PredictionsReader.readAll(pred);

        List<Sample> samples;
        try (InterHandDataset ds = InterHandDataset.open(data, InterHandFilter.all("train"))) {
            samples = new ArrayList<>(ds.samples());
        }
        assertThat(predicted).hasSize(samples.size());
        List<Prediction> raw = new ArrayList<>();
        try (ZhangModel model = ZhangModel.fromCheckpoint(snapshot)) {
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                float[] input = InterNetReconstructor.input(FloatImage.ofRgb(Images.read(s.image())),
                    InterNetCrop.processBbox(s.bbox()));
                ZhangPrediction p = model.predict(input, 1).get(0);
                HandPrediction[] hands = new HandPrediction[2];
                for (int h = 0; h < 2; h++) {
                    double[] joints = java.util.Arrays.copyOfRange(p.joints(), 63 * h, 63 * h + 63);
                    double[] verts = java.util.Arrays.copyOfRange(p.vertices(), 2334 * h, 2334 * h + 2334);
                    hands[h] = new HandPrediction(metres(JointOrder.OPENPOSE.convert(joints, JointOrder.MANO16_TIPS,
                        3)), metres(verts), p.handType()[h], null);
                }
                raw.add(new Prediction(predicted.get(i).id(), hands[0], hands[1], null));
            }
        }
        Path rawFile = dir.resolve("raw.json");
        PredictionsWriter.write(rawFile, Map.of("model", "Zhang v2 raw output"), raw);

        JsonNode ours = eval(pred, "ours");
        JsonNode reference = eval(rawFile, "raw");
        // 1e-4 mm: predict ran batches of two, the raw output here batches of one (float32 sums in another order).
        List<String> tables = new ArrayList<>();
        reference.get("tables").forEach(t -> tables.add(t.get("key").asText()));
        assertThat(tables).contains("mpjpe");
        for (String table : tables) {
            assertThat(value(ours, table)).as(table).isCloseTo(value(reference, table), within(1e-7));
        }
        assertThat(value(ours, "mpjpe")).as("a random network's error, metres").isGreaterThan(0.001);
    }

    private static JsonNode eval(Path pred, String name) throws IOException {
        Path out = dir.resolve("eval-" + name);
        // Ground truth: the annotated joints (scoring MPVPE needs MANO's own meshes, which tests cannot ship).
        CliRun eval = CliRun.of("--quiet", "eval", "--protocol", "zhang", "--data", data.toString(), "--split",
            "train", "--pred", pred.toString(), "--out", out.toString());
        assertThat(eval.status()).as(eval.err()).isZero();
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    private static double[] metres(double[] mm) {
        double[] out = new double[mm.length];
        for (int i = 0; i < mm.length; i++) {
            out[i] = mm[i] / 1000;
        }
        return out;
    }

    private static double value(JsonNode report, String key) {
        for (JsonNode t : report.get("tables")) {
            if (t.get("key").asText().equals(key)) {
                return t.get("values").get("all").get("both").asDouble();
            }
        }
        throw new AssertionError("no table " + key);
    }
}
