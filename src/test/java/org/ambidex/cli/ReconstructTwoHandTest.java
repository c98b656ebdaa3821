package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.PredictionsReader;
import org.ambidex.io.mesh.ObjReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ambidex reconstruct --model twohand:FILE} end to end with a small untrained network and MANO. */
class ReconstructTwoHandTest {

    static final Path MANO = TwoHandFixtures.MANO;

    @TempDir
    static Path dir;
    static Path model;
    static Path image;

    @BeforeAll
    static void setUp() {
        model = TwoHandFixtures.tinyModel(dir);
        image = TwoHandFixtures.handsPhoto(dir);
    }

    @Test
    void writesJsonMeshesImagesAndPredictions() throws Exception {
        Path out = dir.resolve("out");
        Path pred = dir.resolve("pred.json");
        CliRun run = CliRun.of("reconstruct", "--model", "twohand:" + model, "--out", out.toString(), "--pred",
            pred.toString(), image.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(out.resolve("hands.json").toFile());
        assertThat(json.get("format").asText()).isEqualTo("ambidex.reconstruction/1");
        assertThat(json.get("unit").asText()).isEqualTo("m");
        // Without a box the whole image is the crop; without intrinsics a focal length of the longer side is assumed.
        assertThat(json.get("cropBox").get(2).asDouble()).isEqualTo(120.0);
        assertThat(json.get("intrinsics").get("fx").asDouble()).isEqualTo(120.0);
        for (JsonNode hand : json.get("hands")) {
            assertThat(hand.get("joints2d")).hasSize(21);
            assertThat(hand.get("jointsCamera")).hasSize(21);
            assertThat(hand.get("vertices")).hasSize(778);
            assertThat(hand.get("parameters").get("betas")).hasSize(10);
            assertThat(hand.get("parameters").get("hand_pose")).hasSize(45);
            assertThat(hand.get("presence").asDouble()).isBetween(0.0, 1.0);
        }
        for (String side : List.of("right", "left")) {
            assertThat(ObjReader.read(out.resolve("hands_" + side + ".obj")).vertexCount()).isEqualTo(778);
        }
        assertThat(out.resolve("hands_hands.glb")).exists();
        assertThat(out.resolve("hands_overlay.png")).exists();
        assertThat(out.resolve("hands_views.png")).exists();
        List<Prediction> predictions = PredictionsReader.readAll(pred);
        assertThat(predictions).hasSize(1);
        assertThat(predictions.get(0).id()).isEqualTo("hands");
        assertThat(predictions.get(0).right().joints()).hasSize(63);
    }

    @Test
    void withoutModelUsesTheShippedDefaultOrSaysThereIsNone() {
        CliRun run = CliRun.of("reconstruct", "--out", dir.resolve("none").toString(), image.toString());
        if (org.ambidex.pipeline.TwoHandModelFiles.hasDefault()) {
            assertThat(run.status()).as(run.err()).isEqualTo(0);
        } else {
            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).contains("no default model");
            assertThat(run.errLines()).isEqualTo(1);
        }
    }

    @Test
    void notATwoHandModelIsOneLine() throws Exception {
        Path other = dir.resolve("other.pt");
        Files.writeString(other, "not a checkpoint");
        CliRun run = CliRun.of("reconstruct", "--model", "twohand:" + other, "--out", dir.resolve("x").toString(),
            image.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).isEqualTo(1);
    }
}
