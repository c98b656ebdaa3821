package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.io.torch.TorchCheckpointWriter;
import org.ambidex.nets.InterNetConfig;
import org.ambidex.nets.InterNetModel;
import org.ambidex.nets.WeightImport;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainingCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ambidex train --arch zhang} on the bundled examples for one step, from an InterNet snapshot and a
 * torchvision-style ResNet-50 file made here with random weights, writing a snapshot of the published layout; and
 * its refusals (one line, exit 2, nothing written).
 */
class TrainZhangCommandTest {

    static final String MANO = "src/test/resources/fixtures/mano-format";

    @TempDir
    Path dir;

    @Test
    void trainsOneStepAndExportsASnapshotTheLoaderTakes() {
        Path internet = dir.resolve("snapshot_19.pth.tar");
        Path resnet = dir.resolve("resnet50.pth");
        try (InterNetModel m = InterNetModel.initialised(InterNetConfig.DEFAULT, 2)) {
            new TrainingCheckpoint("internet", 0, 20, WeightImport.export(m.network()), Map.of(), Map.of())
                .writeSnapshot(internet);
            TorchCheckpointWriter.writeObject(resnet, new LinkedHashMap<>(WeightImport.export(m.network().resnet())));
        }
        Path data = Path.of("examples").toAbsolutePath();
        Path run = dir.resolve("run");
        Path export = dir.resolve("snapshot_0.pth.tar");
        CliRun r = CliRun.of("train", "--arch", "zhang", "--data", data.toString(), "--out", run.toString(),
            "--init", internet.toString(), "--backbone-weights", resnet.toString(), "--hand-model", MANO,
            "--epochs", "1", "--batch-size", "2", "--max-train-samples", "2", "--export", export.toString(),
            "--threads", "1");
        assertThat(r.status()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("finished: 1 steps");
        assertThat(r.err()).contains("single-hand annotations").contains("no epoch-end validation");
        assertThat(Checkpoints.read(run.resolve(TrainLoop.CHECKPOINT)).select("ambidex").other("arch"))
            .contains("zhang");
        StateDict file = Checkpoints.read(export);
        assertThat(file.entries().keySet()).containsExactly("epoch", "network", "optimizer");
        assertThat(file.epoch()).contains(0L);
        try (var back = org.ambidex.nets.zhang.ZhangModel.fromCheckpoint(export)) {
            assertThat(back.source()).isEqualTo(export.toString());
        }

        // Each starting file given where the other belongs: refused naming the file and the tensors that do not fit.
        CliRun swapped = CliRun.of("train", "--arch", "zhang", "--data", data.toString(), "--out",
            dir.resolve("swapped").toString(), "--init", resnet.toString(), "--backbone-weights", resnet.toString(),
            "--hand-model", MANO, "--batch-size", "2");
        assertThat(swapped.status()).isEqualTo(2);
        assertThat(swapped.err()).contains("resnet50.pth").contains("is not a checkpoint of InterNet")
            .contains("missing");
        CliRun backbone = CliRun.of("train", "--arch", "zhang", "--data", data.toString(), "--out",
            dir.resolve("backbone").toString(), "--init", internet.toString(), "--backbone-weights",
            internet.toString(), "--hand-model", MANO, "--batch-size", "2");
        assertThat(backbone.status()).isEqualTo(2);
        assertThat(backbone.err()).contains("snapshot_19.pth.tar").contains("is not torchvision's ResNet-50")
            .contains("conv1.weight");
        assertThat(dir.resolve("swapped")).doesNotExist();
        assertThat(dir.resolve("backbone")).doesNotExist();
    }

    @Test
    void withoutItsStartingFilesOrWithANonManoHandModelItExitsTwo() {
        Path data = Path.of("examples").toAbsolutePath();
        CliRun noInit = CliRun.of("train", "--arch", "zhang", "--data", data.toString(), "--hand-model", MANO,
            "--out", dir.resolve("a").toString());
        assertThat(noInit.status()).isEqualTo(2);
        assertThat(noInit.err()).contains("--init snapshot_19.pth.tar").contains("--backbone-weights");
        CliRun open = CliRun.of("train", "--arch", "zhang", "--data", data.toString(), "--init",
            dir.resolve("i.pth").toString(), "--backbone-weights", dir.resolve("r.pth").toString(), "--out",
            dir.resolve("b").toString());
        assertThat(open.status()).isEqualTo(2);
        assertThat(open.err()).contains("778-vertex MANO");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("b")).doesNotExist();
    }
}
