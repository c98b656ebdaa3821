package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.ambidex.PlanarImages;
import org.ambidex.data.Bbox;
import org.ambidex.geom.Intrinsics;
import org.ambidex.io.numpy.Npy;
import org.ambidex.nets.PyTorch;
import org.ambidex.pipeline.HandReconstruction;
import org.ambidex.pipeline.ModelSpec;
import org.ambidex.pipeline.Reconstructor;
import org.ambidex.pipeline.ReconstructorOptions;
import org.ambidex.pipeline.ReconstructionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} over a FreiHAND folder with S2HAND (a random checkpoint from src/test/python/s2hand_reference.py),
 * then {@code eval --protocol freihand} on its pred.json: the predictions are each image's right hand as
 * {@code reconstruct}'s path gives it, and a ground truth 5 mm off scores 5 mm.
 */
class PredictFreiHandS2HandTest {

    static final Path MANO_DIR = Path.of("src/test/resources/fixtures/mano-format");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String K = "[[520,0,111],[0,515,114],[0,0,1]]";

    @TempDir
    Path dir;

    @Test
    void predictWritesFreiHandsSubmissionAndEvalScoresIt() throws Exception {
        PyTorch.assumeAvailable(false);
        Path gen = Files.createDirectories(dir.resolve("gen"));
        PyTorch.scriptAt(Path.of("src/test/python/s2hand_reference.py"), gen.toString(),
            MANO_DIR.resolve("MANO_RIGHT.npz").toString(), "5",
            "examples/images/train/Capture0/synth_single/cam410000/image1.jpg",
            "examples/images/train/Capture5/synth_pinch/cam410000/image11.jpg");
        Path fh = dir.resolve("freihand");
        Path rgb = Files.createDirectories(fh.resolve("evaluation").resolve("rgb"));
        float[] chw = Npy.read(gen.resolve("input.npy")).toFloatArray();
        for (int s = 0; s < 2; s++) {
            ImageIO.write(PlanarImages.rgb(chw, s, 224), "jpg", rgb.resolve(String.format("%08d.jpg", s)).toFile());
        }
        Files.writeString(fh.resolve("evaluation_K.json"), "[" + K + "," + K + "]");
        Files.writeString(fh.resolve("evaluation_xyz.json"), "[" + zeros(21) + "," + zeros(21) + "]");
        Path pred = dir.resolve("pred.json");
        String model = "s2hand:" + gen.resolve("texturehand_test.t7");
        CliRun run = CliRun.of("--quiet", "predict", "--data", fh.toString(), "--split", "evaluation", "--model", model,
            "--hand-model", MANO_DIR.toString(), "--out", pred.toString(), "--batch-size", "2");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode submission = JSON.readTree(pred.toFile());
        assertThat(submission.get(0)).hasSize(2);
        assertThat(submission.get(1).get(0)).hasSize(778);

        // The same numbers as reconstruct's path on each image, whole, with its camera.
        try (Reconstructor r = Reconstructor.open(ModelSpec.parse(model),
            ReconstructorOptions.DEFAULT.withHandModel(MANO_DIR.toString()))) {
            for (int s = 0; s < 2; s++) {
                BufferedImage image = ImageIO.read(rgb.resolve(String.format("%08d.jpg", s)).toFile());
                HandReconstruction hand = r.reconstruct(image, new ReconstructionRequest(new Bbox(0, 0, 224, 224),
                    new Intrinsics(520, 515, 111, 114), null)).right();
                double[] joints = hand.jointsCamera();
                for (int j = 0; j < 21; j++) {
                    for (int c = 0; c < 3; c++) {
                        // Batching two images changes PyTorch's float arithmetic a little.
                        assertThat(submission.get(0).get(s).get(j).get(c).asDouble()).isCloseTo(joints[3 * j + c],
                            within(1e-5));
                    }
                }
            }
        }

        // Ground truth 5 mm off in x: eval --protocol freihand reports 5 mm, and nothing after alignment.
        StringBuilder xyz = new StringBuilder("[");
        StringBuilder verts = new StringBuilder("[");
        for (int s = 0; s < 2; s++) {
            xyz.append(s == 0 ? "" : ",").append(shifted(submission.get(0).get(s)));
            verts.append(s == 0 ? "" : ",").append(shifted(submission.get(1).get(s)));
        }
        Files.writeString(fh.resolve("evaluation_xyz.json"), xyz.append(']').toString());
        Files.writeString(fh.resolve("evaluation_verts.json"), verts.append(']').toString());
        Path out = dir.resolve("eval");
        CliRun eval = CliRun.of("--quiet", "eval", "--protocol", "freihand", "--data", fh.toString(), "--split",
            "evaluation", "--pred", pred.toString(), "--out", out.toString());
        assertThat(eval.status()).as(eval.err()).isZero();
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(mm(report, "mpjpe")).isCloseTo(5, within(1e-3));
        assertThat(mm(report, "mpvpe")).isCloseTo(5, within(1e-3));
        assertThat(mm(report, "pa_mpjpe")).isLessThan(1e-3);
    }

    private static String zeros(int rows) {
        return "[" + String.join(",", java.util.Collections.nCopies(rows, "[0,0,0.5]")) + "]";
    }

    private static String shifted(JsonNode rows) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode p = rows.get(i);
            b.append(i == 0 ? "" : ",").append('[').append(p.get(0).asDouble() + 0.005).append(',')
                .append(p.get(1).asDouble()).append(',').append(p.get(2).asDouble()).append(']');
        }
        return b.append(']').toString();
    }

    private static double mm(JsonNode report, String table) {
        for (JsonNode t : report.get("tables")) {
            if (t.get("key").asText().equals(table)) {
                return t.get("values").get("all").get("both").asDouble() * 1000;
            }
        }
        throw new AssertionError("no table " + table);
    }
}
