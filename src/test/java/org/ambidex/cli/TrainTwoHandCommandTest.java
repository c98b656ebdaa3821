package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.twohand.TinyTwoHandSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ambidex train --arch twohand} end to end on a tiny set, then its model through reconstruct. */
class TrainTwoHandCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsValidatesWritesAModelThatReconstructs() {
        Path data = TinyTwoHandSet.write(dir.resolve("set"), "train", 8, 6);
        TinyTwoHandSet.write(dir.resolve("set"), "val", 4, 7);
        Path run = dir.resolve("run");
        String mano = ReconstructTwoHandTest.MANO.toString();
        CliRun r = CliRun.of("train", "--arch", "twohand", "--data", data.toString(), "--out", run.toString(),
            "--hand-model", mano, "--epochs", "1", "--batch-size", "4", "--input-size", "64", "--twohand-width", "8",
            "--stages", "1", "--warmup-steps", "1", "--seed", "3");
        assertThat(r.status()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("finished: 2 steps");
        assertThat(r.err()).contains("interhand_mpjpe_mm").contains("handedness_pct");
        assertThat(run.resolve("val").resolve("epoch_0").resolve("interhand.json")).exists();
        assertThat(run.resolve("val").resolve("epoch_0").resolve("intaghand.json")).exists();
        StateDict checkpoint = Checkpoints.read(run.resolve(TrainLoop.CHECKPOINT));
        assertThat(checkpoint.select("ambidex").other("arch")).contains("twohand");
        Path model = run.resolve("model.pt");
        StateDict file = Checkpoints.read(model);
        assertThat(file.select("meta").other("input_size")).contains(64L);
        assertThat(file.select("meta").other("hand_model")).contains(mano);

        CliRun rec = CliRun.of("reconstruct", "--model", "twohand:" + model, "--out", dir.resolve("rec").toString(),
            "--no-images", data.resolve("images/train/Capture0/seq/cam400001/image0.jpg").toString());
        assertThat(rec.status()).as(rec.err()).isEqualTo(0);
        assertThat(dir.resolve("rec").resolve("image0.json")).exists();

        Path tuned = dir.resolve("tuned");
        CliRun fine = CliRun.of("train", "--arch", "twohand", "--data", data.toString(), "--out", tuned.toString(),
            "--hand-model", mano, "--epochs", "1", "--batch-size", "4", "--input-size", "64", "--twohand-width", "8",
            "--stages", "1", "--warmup-steps", "1", "--seed", "4", "--val-split", "none", "--init", model.toString());
        assertThat(fine.status()).as(fine.err()).isEqualTo(0);
        assertThat(Checkpoints.read(tuned.resolve("model.pt")).select("meta").other("start").map(Object::toString))
            .hasValueSatisfying(v -> assertThat(v).startsWith("init ").endsWith("model.pt"));

        CliRun wrong = CliRun.of("train", "--arch", "twohand", "--data", data.toString(), "--out",
            dir.resolve("wrong").toString(), "--hand-model", mano, "--epochs", "1", "--batch-size", "4",
            "--input-size", "64", "--twohand-width", "16", "--stages", "1", "--val-split", "none",
            "--init", model.toString());
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.err()).contains("model.pt").contains("holds a network of");
        assertThat(dir.resolve("wrong").resolve("model.pt")).doesNotExist();
    }
}
