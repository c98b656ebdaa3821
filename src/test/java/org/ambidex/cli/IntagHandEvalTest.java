package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.ambidex.data.Bbox;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoPair;
import org.ambidex.data.ManoParams;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.data.interhand.InterHandWriter;
import org.ambidex.eval.InterHandGroundTruth;
import org.ambidex.eval.ManoGroundTruth;
import org.ambidex.eval.ManoTruth;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.PredictionsWriter;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.PyTorch;
import org.ambidex.pipeline.ModelSpec;
import org.ambidex.pipeline.Reconstruction;
import org.ambidex.pipeline.ReconstructionPrediction;
import org.ambidex.pipeline.ReconstructionRequest;
import org.ambidex.pipeline.Reconstructor;
import org.ambidex.pipeline.ReconstructorOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval --protocol intaghand} on a prediction file of the {@code intaghand} architecture (random weights from
 * src/test/python/intaghand_reference.py) against three frames with both hands' MANO parameters: the numbers equal
 * those of src/test/python/intaghand_eval_reference.py, written from IntagHand's apps/eval_interhand.py, on the same
 * ground-truth and predicted meshes.
 */
@Tag("slow")
class IntagHandEvalTest {

    static final Path MANO = Path.of("src/test/resources/fixtures/mano-format");
    static final Path RENDER = Path.of("examples/images/train/Capture4/synth_cross/cam410000/image9.jpg");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void intagHandProtocolOnIntagHandPredictionsEqualsTheReferenceScript() throws IOException {
        PyTorch.assumeImports("torch", "numpy", "cv2", "scipy");
        BufferedImage image = ImageIO.read(RENDER.toFile());
        ImageIO.write(image, "png", dir.resolve("photo.png").toFile());
        PyTorch.scriptAt(Path.of("src/test/python/intaghand_reference.py"), "make", dir.toString(),
            dir.resolve("photo.png").toString(), "120,190,235,290");

        Path root = dir.resolve("ih");
        SplittableRandom random = new SplittableRandom(22);
        List<ManoPair> params = new ArrayList<>();
        int frames = 3;
        try (InterHandWriter w = InterHandWriter.create(root, "test")) {
            w.addCamera(0, "400001", Camera.atOrigin(new Intrinsics(1200, 1200, 167, 256)));
            for (int f = 0; f < frames; f++) {
                double[] world = new double[126];
                for (int j = 0; j < 42; j++) {
                    world[3 * j] = random.nextDouble(-0.05, 0.05);
                    world[3 * j + 2] = 1.0;
                }
                boolean[] valid = new boolean[42];
                java.util.Arrays.fill(valid, true);
                ManoPair mano = new ManoPair(manoParams(random), manoParams(random));
                params.add(mano);
                w.addFrame(0, f, new InterHandWriter.Frame(world, valid, HandType.INTERACTING, mano));
                w.addImage(0, "seq", "400001", f, 334, 512, new Bbox(120, 190, 115, 100), valid,
                    HandType.INTERACTING, true);
            }
        }
        List<String> ids = new ArrayList<>();
        try (InterHandDataset ds = InterHandDataset.open(root, InterHandFilter.all("test"))) {
            for (int i = 0; i < ds.size(); i++) {
                ids.add(InterHandGroundTruth.of(ds.get(i)).id());
            }
        }

        // IntagHand's predictions: the same render about three boxes
        ModelSpec spec = ModelSpec.parse("intaghand:" + dir.resolve("misc"));
        List<Prediction> preds = new ArrayList<>();
        double[][][] predicted = new double[2][frames][];
        try (Reconstructor rec = spec.architecture().open(spec, ReconstructorOptions.DEFAULT.withHandModel(
            MANO.toString()))) {
            for (int f = 0; f < frames; f++) {
                Reconstruction r = rec.reconstruct(image, new ReconstructionRequest(new Bbox(115 + 5 * f, 185 + 4 * f,
                    115 + 10 * f, 100), null, null));
                preds.add(ReconstructionPrediction.of(ids.get(f), r));
                predicted[0][f] = r.right().mesh().vertices();
                predicted[1][f] = r.left().mesh().vertices();
            }
        }
        Path pred = dir.resolve("pred.json");
        PredictionsWriter.write(pred, Map.of("model", spec.toString()), preds);

        HandModel right = HandModelLoader.load(MANO, HandSide.RIGHT, true);
        HandModel left = HandModelLoader.load(MANO, HandSide.LEFT, true);
        double[][][] truth = new double[2][frames][];
        try (ManoGroundTruth mano = new ManoGroundTruth(right, left)) {
            for (int f = 0; f < frames; f++) {
                ManoTruth t = mano.compute(params.get(f));
                truth[0][f] = t.hand(0).vertices();
                truth[1][f] = t.hand(1).vertices();
            }
        }
        String[] sides = {"right", "left"};
        for (int h = 0; h < 2; h++) {
            write(dir.resolve("gt_" + sides[h] + ".f64"), truth[h]);
            write(dir.resolve("pred_" + sides[h] + ".f64"), predicted[h]);
        }
        PyTorch.scriptAt(Path.of("src/test/python/intaghand_eval_reference.py"), dir.toString(), MANO.toString());
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());

        Path out = dir.resolve("out");
        CliRun run = CliRun.of("eval", "--protocol", "intaghand", "--data", root.toString(), "--split", "test",
            "--pred", pred.toString(), "--out", out.toString(), "--hand-model", MANO.toString());
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(report.get("counts").get("evaluated_samples").asLong()).isEqualTo(frames);
        for (String table : List.of("mpjpe", "mpvpe")) {
            for (String hand : List.of("right", "left", "both")) {
                double want = expected.get(hand).get(table).asDouble();
                assertThat(want).isGreaterThan(0);
                assertThat(value(report, table, hand)).as(table + " " + hand).isCloseTo(want, within(1e-9 * want
                    + 1e-12));
            }
        }
    }

    private static double value(JsonNode report, String table, String hand) {
        for (JsonNode t : report.get("tables")) {
            if (t.get("key").asText().equals(table)) {
                return t.get("values").get("all").get(hand).asDouble();
            }
        }
        throw new AssertionError("no table " + table + " in the report");
    }

    private static void write(Path file, double[][] meshes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(meshes.length * meshes[0].length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] m : meshes) {
            for (double v : m) {
                b.putDouble(v);
            }
        }
        Files.write(file, b.array());
    }

    private static ManoParams manoParams(SplittableRandom r) {
        double[] pose = new double[48];
        for (int i = 0; i < 48; i++) {
            pose[i] = r.nextDouble(-0.3, 0.3);
        }
        double[] shape = new double[10];
        for (int i = 0; i < 10; i++) {
            shape[i] = r.nextDouble(-1, 1);
        }
        return new ManoParams(pose, shape, new double[] {r.nextDouble(-0.1, 0.1), 0, 1.0});
    }
}
