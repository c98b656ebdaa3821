package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval} refuses predictions made for another split or folder than the one it scores against (unless
 * {@code --force}), and a run in which no prediction meets its ground truth, instead of an all-n/a report.
 */
class EvalProvenanceTest {

    static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void predictionsOfAnotherSplitAreRefusedAndNoMatchIsNotASuccess() {
        Path pred = dir.resolve("train.json");
        CliRun predict = CliRun.of("--quiet", "predict", "--model", "twohand", "--data", EXAMPLES.toString(), "--split",
            "train", "--out", pred.toString());
        assertThat(predict.status()).as(predict.err()).isZero();

        CliRun wrong = CliRun.of("--quiet", "eval", "--protocol", "interhand", "--data", EXAMPLES.toString(), "--split",
            "test", "--pred", pred.toString(), "--out", dir.resolve("e1").toString());
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.errLines()).isEqualTo(1);
        assertThat(wrong.err()).contains("holds predictions of split train, not test").contains("--force");
        assertThat(dir.resolve("e1")).doesNotExist();

        CliRun forced = CliRun.of("--quiet", "eval", "--protocol", "interhand", "--data", EXAMPLES.toString(), "--split",
            "test", "--pred", pred.toString(), "--out", dir.resolve("e2").toString(), "--force");
        assertThat(forced.status()).isEqualTo(2);
        assertThat(forced.err()).contains("no prediction matched a ground-truth sample");

        CliRun right = CliRun.of("--quiet", "eval", "--protocol", "interhand", "--data", EXAMPLES.toString(), "--split",
            "train", "--pred", pred.toString(), "--out", dir.resolve("e3").toString());
        assertThat(right.status()).as(right.err()).isZero();
        assertThat(dir.resolve("e3").resolve("report.json")).isNotEmptyFile();
    }

    @Test
    void aGroundTruthFaultIsBlamedOnTheData() throws Exception {
        StringBuilder kp = new StringBuilder();
        for (int j = 0; j < 21; j++) {
            kp.append(kp.length() > 0 ? ", " : "").append(10 + j).append(", ").append(20 + j).append(", 1");
        }
        String annotation = "{\"id\": 5, \"image_id\": 1, \"bbox\": [0, 0, 40, 40], \"keypoints\": [" + kp
            + "], \"num_keypoints\": 21, \"iscrowd\": 0, \"category_id\": 1}";
        Path data = dir.resolve("hands.json");
        Files.writeString(data, "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\", \"width\": 64, \"height\": 64}],"
            + " \"annotations\": [" + annotation + ", " + annotation + "], \"categories\": [{\"id\": 1}]}");
        Path pred = dir.resolve("pred.json");
        Files.writeString(pred, "{\"format\": \"ambidex.predictions/1\", \"unit\": \"m\", \"joint_order\": \"openpose\","
            + " \"samples\": []}");
        CliRun run = CliRun.of("--quiet", "eval", "--protocol", "hand2d", "--data", data.toString(), "--pred",
            pred.toString(), "--out", dir.resolve("e").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("hands.json").contains("instance 5")
            .doesNotContain("pred.json");
    }
}
