package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npz;
import org.ambidex.io.torch.Checkpoints;
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
