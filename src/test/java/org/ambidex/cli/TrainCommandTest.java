package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npz;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.InterNetModel;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.WeightImport;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.internet.TinyInterHandSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ambidex train --arch internet} and {@code ambidex export} end to end on a tiny set and a tiny network. */
class TrainCommandTest {

    @TempDir
    static Path dir;
    private static Path data;
    private static Path run;
    private static Path exported;
    private static CliRun trained;

    @BeforeAll
    static void train() {
        data = dir.resolve("ih");
        TinyInterHandSet.write(data, "train", 4, 3);
        TinyInterHandSet.write(data, "val", 3, 4);
        run = dir.resolve("run");
        exported = dir.resolve("snapshot_0.pth.tar");
        trained = CliRun.of("--quiet", "train", "--arch", "internet", "--data", data.toString(), "--out",
            run.toString(), "--epochs", "1", "--batch-size", "2", "--resnet", "18", "--resnet-width", "4",
            "--head-channels", "8", "--head-units", "16", "--checkpoint-every", "0", "--threads", "1", "--export",
            exported.toString());
    }

    @Test
    void trainsValidatesUnderTheInterhandProtocolAndExports() throws IOException {
        assertThat(trained.status()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("finished: 2 steps");
        assertThat(trained.err()).contains("epoch 0:").contains("mpjpe_all_mm").contains("handedness_pct");
        JsonNode report = new ObjectMapper().readTree(run.resolve("val/epoch_0/report.json").toFile());
        assertThat(report.get("format").asText()).isEqualTo("ambidex.eval-report/1");
        assertThat(report.toString()).contains("\"interhand\"");
        assertThat(run.resolve(TrainLoop.CHECKPOINT)).exists();
    }

    /** The export holds exactly {'epoch', 'network'}; our reader loads it into an InterNet with the trained values. */
    @Test
    void exportReadsBackThroughOurReaderWithTheCheckpointsValues() {
        assertThat(trained.status()).as(trained.err()).isZero();
        StateDict root = Checkpoints.read(exported);
        assertThat(root.entries().keySet()).containsExactly("epoch", "network");
        assertThat(root.epoch()).contains(0L);
        assertThat(root.select("network").tensors().keySet()).allMatch(k -> k.startsWith("module."));
        Map<String, NdArray> checkpoint = InterNetModel.networkWeights(
            Checkpoints.read(run.resolve(TrainLoop.CHECKPOINT))).tensors();
        try (InterNetModel model = InterNetModel.fromCheckpoint(exported)) {
            assertThat(model.config()).isEqualTo(TinyInterHandSet.TINY);
            Map<String, NdArray> loaded = WeightImport.export(model.network());
            assertThat(loaded.keySet()).containsExactlyElementsOf(checkpoint.keySet());
            loaded.forEach((k, v) -> assertThat(v.bytes()).as(k).isEqualTo(checkpoint.get(k).bytes()));
            assertThat(loaded.get("pose_net.joint_deconv_1.1.num_batches_tracked").getLong(0)).isEqualTo(2);
        }
    }

    /** PyTorch loads the export and the optimizer-carrying export strictly, with the same tensor values. */
    @Test
    void pyTorchLoadsTheExportsStrictly() throws IOException {
        assertThat(trained.status()).as(trained.err()).isZero();
        Path withOptimizer = dir.resolve("with_optimizer.pth.tar");
        CliRun export = CliRun.of("export", run.resolve(TrainLoop.CHECKPOINT).toString(), "-o",
            withOptimizer.toString(), "--with-optimizer");
        assertThat(export.status()).as(export.err()).isZero();
        assertThat(Checkpoints.read(withOptimizer).entries().keySet()).containsExactly("epoch", "network", "optimizer");
        PyTorch.assumeAvailable(false);
        Map<String, NdArray> ours = InterNetModel.networkWeights(Checkpoints.read(exported)).tensors();
        for (Path snapshot : List.of(exported, withOptimizer)) {
            Path npz = dir.resolve(snapshot.getFileName() + ".npz");
            List<String> cmd = new ArrayList<>(List.of(PyTorch.PYTHON.toString(), "src/test/python/load_snapshot.py",
                snapshot.toString(), npz.toString(), "18", "4", "21", "64", "8", "16", "64"));
            if (snapshot.equals(withOptimizer)) {
                cmd.add("optimizer");
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            try {
                assertThat(p.waitFor()).as(output).isZero();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            Map<String, NdArray> torch = Npz.read(npz);
            assertThat(torch.get("epoch").getLong(0)).isEqualTo(0);
            assertThat(torch.keySet()).hasSize(ours.size() + 1);
            ours.forEach((k, v) -> {
                NdArray t = torch.get(k);
                assertThat(t).as(k).isNotNull();
                assertThat(t.shape()).as(k).containsExactly(v.shape());
                assertThat(Arrays.equals(t.toCOrder().bytes(), v.toCOrder().bytes())).as(k).isTrue();
            });
        }
    }

    @Test
    void anUnknownArchitectureOrAnUnreadableExportInputExitsTwo() throws IOException {
        CliRun bad = CliRun.of("train", "--arch", "nope", "--data", data.toString(), "--out",
            dir.resolve("x").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("'nope' is not an architecture ambidex can train").contains("internet");
        Path notCheckpoint = dir.resolve("plain.pth.tar");
        Files.copy(exported, notCheckpoint);
        CliRun export = CliRun.of("export", notCheckpoint.toString(), "-o", dir.resolve("y.pth.tar").toString());
        assertThat(export.status()).isEqualTo(2);
        assertThat(export.err()).contains("not an ambidex training checkpoint");
        assertThat(dir.resolve("y.pth.tar")).doesNotExist();
    }
}
