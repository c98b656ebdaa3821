package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.PredictionsReader;
import org.ambidex.io.mesh.ObjReader;
import org.ambidex.nets.PyTorch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ambidex reconstruct} with {@code --model intaghand:...} on an uncropped picture: IntagHand's misc folder
 * (random weights, from src/test/python/intaghand_reference.py), or its checkpoint with {@code --graphs}; the
 * option refused by other architectures and a missing hand model refused, each with exit status 2.
 */
@Tag("slow")
class ReconstructIntagHandTest {

    static final Path MANO = Path.of("src/test/resources/fixtures/mano-format");

    @TempDir
    static Path dir;
    static Path photo;

    @BeforeAll
    static void setUp() throws IOException {
        PyTorch.assumeImports("torch", "numpy", "cv2", "scipy");
        photo = dir.resolve("photo.png");
        ImageIO.write(ImageIO.read(Path.of("examples/images/train/Capture4/synth_cross/cam410000/image9.jpg")
            .toFile()), "png", photo.toFile());
        PyTorch.scriptAt(Path.of("src/test/python/intaghand_reference.py"), "make", dir.toString(), photo.toString(),
            "120,190,235,290");
    }

    @Test
    void theMiscFolderReconstructsBothHandsOfAnUncroppedPicture() throws IOException {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("reconstruct", "--model", "intaghand:" + dir.resolve("misc"), "--hand-model",
            MANO.toString(), "--out", out.toString(), photo.toString());
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("photo.json").toFile());
        assertThat(json.get("hands")).hasSize(2);
        for (JsonNode hand : json.get("hands")) {
            assertThat(hand.get("vertices")).hasSize(778);
            assertThat(hand.get("joints2d")).hasSize(21);
        }
        assertThat(ObjReader.read(out.resolve("photo_right.obj")).vertexCount()).isEqualTo(778);
    }

    @Test
    void theCheckpointWithGraphsIsTheSameModel() {
        CliRun run = CliRun.of("reconstruct", "--model", "intaghand:" + dir.resolve("misc/model/interhand.pth"),
            "--graphs", dir.resolve("misc").toString(), "--hand-model", MANO.toString(), "--bbox", "120,190,115,100",
            "--out", dir.resolve("out2").toString(), photo.toString());
        assertThat(run.status()).as(run.err()).isZero();
    }

    @Test
    void predictGivesBothMeshesForEveryExampleAndEvalScoresThem() {
        Path examples = Path.of("examples").toAbsolutePath();
        Path pred = dir.resolve("pred.json");
        CliRun predict = CliRun.of("--quiet", "predict", "--model", "intaghand:" + dir.resolve("misc"), "--hand-model",
            MANO.toString(), "--data", examples.toString(), "--split", "train", "--out", pred.toString(),
            "--batch-size", "4");
        assertThat(predict.status()).as(predict.err()).isZero();
        List<Prediction> predictions = PredictionsReader.readAll(pred);
        assertThat(predictions).hasSize(12);
        for (Prediction p : predictions) {
            assertThat(p.right().vertices()).hasSize(778 * 3);
            assertThat(p.left().vertices()).hasSize(778 * 3);
            assertThat(p.right().joints()).hasSize(63);
            assertThat(p.relativeRoot()).isNull();
        }
        CliRun eval = CliRun.of("--quiet", "eval", "--protocol", "intaghand", "--data", examples.toString(), "--split",
            "train", "--pred", pred.toString(), "--out", dir.resolve("eval").toString());
        assertThat(eval.status()).as(eval.err()).isZero();
    }

    @Test
    void graphsForAnotherArchitectureAndAMissingHandModelAreRefused() {
        CliRun graphs = CliRun.of("reconstruct", "--graphs", dir.resolve("misc").toString(), "--out",
            dir.resolve("x").toString(), photo.toString());
        assertThat(graphs.status()).isEqualTo(2);
        assertThat(graphs.err()).contains("--graphs").contains("only intaghand");
        CliRun mano = CliRun.of("reconstruct", "--model", "intaghand:" + dir.resolve("misc"), "--out",
            dir.resolve("y").toString(), photo.toString());
        assertThat(mano.status()).isEqualTo(2);
        assertThat(mano.err()).contains("--hand-model");
    }
}
