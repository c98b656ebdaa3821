package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.PredictionsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict} on a COCO-format hand file: one prediction per hand instance, scored by {@code eval hand2d}. */
class PredictCocoHandsTest {

    @TempDir
    Path dir;

    @Test
    void everyInstanceIsPredictedInItsBoxAndScored() throws Exception {
        Files.copy(Path.of("examples/images/train/Capture2/synth_single/cam410000/image4.jpg"), dir.resolve("a.jpg"));
        // A plain (mmpose OneHand10K-style) file: the rendered right hand's box, keypoints only roughly placed.
        StringBuilder kp = new StringBuilder();
        for (int j = 0; j < 21; j++) {
            kp.append(kp.length() > 0 ? ", " : "").append(150 + j).append(", ").append(250 + j).append(", 1");
        }
        Files.writeString(dir.resolve("hands.json"), "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\", \"width\": 334,"
            + " \"height\": 512}], \"annotations\": [{\"id\": 7, \"image_id\": 1, \"bbox\": [100, 180, 160, 160],"
            + " \"keypoints\": [" + kp + "], \"num_keypoints\": 21, \"iscrowd\": 0, \"category_id\": 1},"
            + " {\"id\": 8, \"image_id\": 1, \"bbox\": [0, 0, 60, 60], \"keypoints\": [" + kp + "],"
            + " \"num_keypoints\": 21, \"iscrowd\": 0, \"category_id\": 1}], \"categories\": [{\"id\": 1}]}");
        Path pred = dir.resolve("pred.json");
        CliRun run = CliRun.of("--quiet", "predict", "--data", dir.resolve("hands.json").toString(), "--out",
            pred.toString(), "--tile-levels", "0");
        assertThat(run.status()).as(run.err()).isZero();
        List<Prediction> predictions = PredictionsReader.readAll(pred);
        assertThat(predictions).extracting(Prediction::id).containsExactly("7", "8");
        // A box always gives its most likely hand, even one without a hand in it.
        assertThat(predictions).allMatch(p -> p.right() != null || p.left() != null);
        CliRun eval = CliRun.of("--quiet", "eval", "--protocol", "hand2d", "--data", dir.resolve("hands.json").toString(),
            "--pred", pred.toString(), "--out", dir.resolve("eval").toString());
        assertThat(eval.status()).as(eval.err()).isZero();
        assertThat(dir.resolve("eval").resolve("report.json")).isNotEmptyFile();

        CliRun split = CliRun.of("predict", "--data", dir.resolve("hands.json").toString(), "--split", "test", "--out",
            dir.resolve("x.json").toString());
        assertThat(split.status()).isEqualTo(2);
        assertThat(split.err()).contains("--split does not apply to a COCO-format hand file");
    }
}
