package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npz;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.TorchCheckpointWriter;
import org.ambidex.nets.WeightImport;
import org.ambidex.nets.intaghand.IntagHandModel;
import org.ambidex.nets.intaghand.GraphPickles;
import org.ambidex.nets.intaghand.HandGraphs;
import org.ambidex.nets.intaghand.RandomHandGraphs;
import org.ambidex.train.TrainLoop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ambidex train --arch intaghand} on the bundled {@code examples/} (random graphs of the published sizes
 * written as graph pickles, the MANO-format fixture with its degenerate faces replaced): two steps with finite
 * losses and real updates, a run stopped after one step and resumed ending bit for bit where a straight run does,
 * the export loading back through {@code --model intaghand:FILE --graphs MISC}; and what it refuses.
 */
@Tag("slow")
class TrainIntagHandCommandTest {

    static final Path EXAMPLES = Path.of("examples").toAbsolutePath();
    static final Path MANO = Path.of("src/test/resources/fixtures/mano-format");

    @TempDir
    static Path dir;
    static Path misc;
    static Path mano;

    @BeforeAll
    static void setUp() {
        misc = dir.resolve("misc");
        GraphPickles.write(misc, RandomHandGraphs.of(1), RandomHandGraphs.of(2));
        mano = dir.resolve("mano");
        for (String side : new String[] {"LEFT", "RIGHT"}) {
            Map<String, NdArray> arrays = new LinkedHashMap<>(Npz.read(
                MANO.resolve("MANO_" + side + ".npz")));
            long[] f = arrays.get("f").toLongArray();
            // MANO has no face with a repeated corner; the fixture's random faces do, and a zero-length edge has a
            // NaN gradient through its length (IntagHandTrainingTaskTest replaces them the same way)
            for (int r = 0; r < f.length / 3; r++) {
                if (f[3 * r] == f[3 * r + 1] || f[3 * r + 1] == f[3 * r + 2] || f[3 * r] == f[3 * r + 2]) {
                    for (int k = 0; k < 3; k++) {
                        f[3 * r + k] = (r + k) % HandGraphs.VERTICES;
                    }
                }
            }
            int[] faces = Arrays.stream(f).mapToInt(Math::toIntExact).toArray();
            arrays.put("f", NdArray.ofInts(new int[] {f.length / 3, 3}, faces));
            Npz.write(mano.resolve("MANO_" + side + ".npz"), arrays, false);
        }
    }

    static CliRun train(Path out, String... extra) {
        String[] base = {"--quiet", "train", "--arch", "intaghand", "--data", EXAMPLES.toString(), "--graphs",
            misc.toString(), "--hand-model", mano.toString(), "--out", out.toString(), "--epochs", "1",
            "--batch-size", "2", "--max-train-samples", "4", "--val-split", "none", "--lr", "1e-3", "--seed", "3",
            "--threads", "1"};
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void trainsResumesExactlyAndExportsAModelThatLoadsStrictly() {
        Path straight = dir.resolve("straight");
        CliRun a = train(straight);
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.out()).contains("finished: 2 steps");
        assertThat(a.err()).contains("mean loss").doesNotContain("update skipped").doesNotContain("NaN");

        Path run = dir.resolve("run");
        Path export = run.resolve("interhand.pth");
        CliRun first = train(run, "--stop-after-steps", "1", "--export", export.toString());
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("stopped at step 1 of 2");
        assertThat(export).doesNotExist();
        CliRun second = train(run, "--export", export.toString());
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.err()).contains("resuming from step 1 of 2");
        assertThat(second.out()).contains("finished: 2 steps");

        Map<String, NdArray> wa = Checkpoints.read(straight.resolve(TrainLoop.CHECKPOINT)).select("network")
            .tensors();
        Map<String, NdArray> wb = Checkpoints.read(run.resolve(TrainLoop.CHECKPOINT)).select("network").tensors();
        assertThat(wb.keySet()).isEqualTo(wa.keySet());
        for (String k : wa.keySet()) {
            assertThat(Arrays.equals(wb.get(k).toDoubleArray(), wa.get(k).toDoubleArray())).as(k).isTrue();
        }
        Map<String, NdArray> exported = Checkpoints.read(export).tensors();
        assertThat(exported.keySet()).allMatch(k -> k.startsWith("module."));
        // the loop's checkpoint holds the network under module. too; the export adds the unused classifier
        assertThat(exported.keySet()).containsAll(wb.keySet()).contains("module.encoder.resnet.fc.weight")
            .hasSize(wb.size() + 2);
        assertThat(wb.keySet().stream()
            .filter(k -> !Arrays.equals(exported.get(k).toDoubleArray(), wb.get(k).toDoubleArray())).toList())
            .as("tensors whose export differs from the final checkpoint").isEmpty();

        CliRun reconstruct = CliRun.of("--quiet", "reconstruct", "--model", "intaghand:" + export, "--graphs",
            misc.toString(), "--hand-model", mano.toString(), "--bbox", "120,190,115,100", "--out",
            dir.resolve("rec").toString(), "--threads", "1",
            EXAMPLES.resolve("images/train/Capture4/synth_cross/cam410000/image9.jpg").toString());
        assertThat(reconstruct.status()).as(reconstruct.err()).isZero();
    }

    @Test
    void startsFromTorchvisionBackboneWeightsOrFromACheckpoint() {
        // a torchvision-layout ResNet-50 file: another seed's encoder, and a classifier
        Map<String, NdArray> backbone = new LinkedHashMap<>();
        try (IntagHandModel other = IntagHandModel.initialised(RandomHandGraphs.of(1), RandomHandGraphs.of(2), 99)) {
            WeightImport.export(other.network()).forEach((k, v) -> {
                if (k.startsWith("encoder.resnet.")) {
                    backbone.put(k.substring("encoder.resnet.".length()), v);
                }
            });
        }
        backbone.putAll(Map.of("fc.weight", NdArray.ofFloats(new int[] {1000, 2048}, new float[1000 * 2048]),
            "fc.bias", NdArray.ofFloats(new int[] {1000}, new float[1000])));
        Path backboneFile = dir.resolve("resnet50.pth");
        TorchCheckpointWriter.write(backboneFile, backbone, Map.of());
        Path first = dir.resolve("fromBackbone.pth");
        CliRun a = train(dir.resolve("backbone"), "--backbone-weights",
            backboneFile.toString(), "--export", first.toString());
        assertThat(a.status()).as(a.err()).isZero();
        Map<String, NdArray> e1 = Checkpoints.read(first).tensors();
        // two steps at epoch 0's warm-up rate (lr / 1000) move a weight by about 1e-6 each at most
        assertThat(maxDiff(e1.get("module.encoder.resnet.conv1.weight"), backbone.get("conv1.weight")))
            .isLessThan(1e-5);
        assertThat(maxDiff(e1.get("module.encoder.resnet.layer4.2.conv3.weight"),
            backbone.get("layer4.2.conv3.weight"))).isLessThan(1e-5);
        assertThat(e1.get("module.encoder.resnet.fc.weight").toDoubleArray()).containsOnly(0.0);

        Path second = dir.resolve("fromCheckpoint.pth");
        CliRun b = train(dir.resolve("init"), "--init", first.toString(), "--export",
            second.toString());
        assertThat(b.status()).as(b.err()).isZero();
        assertThat(b.err()).contains(first.toString());
        Map<String, NdArray> e2 = Checkpoints.read(second).tensors();
        assertThat(maxDiff(e2.get("module.decoder.coord_head.weight"), e1.get("module.decoder.coord_head.weight")))
            .isLessThan(1e-5);
        assertThat(e2.get("module.encoder.resnet.fc.weight").toDoubleArray()).containsOnly(0.0);
    }

    static double maxDiff(NdArray a, NdArray b) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        assertThat(x).hasSameSizeAs(y);
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    @Test
    void withoutGraphsOrWithANonManoHandModelItExitsTwo() {
        CliRun noGraphs = CliRun.of("train", "--arch", "intaghand", "--data", EXAMPLES.toString(), "--hand-model",
            mano.toString(), "--out", dir.resolve("a").toString());
        assertThat(noGraphs.status()).isEqualTo(2);
        assertThat(noGraphs.err()).contains("--graphs MISC");
        CliRun open = CliRun.of("train", "--arch", "intaghand", "--data", EXAMPLES.toString(), "--graphs",
            misc.toString(), "--out", dir.resolve("b").toString());
        assertThat(open.status()).isEqualTo(2);
        assertThat(open.err()).contains("MANO's 778");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("b")).doesNotExist();
    }
}
