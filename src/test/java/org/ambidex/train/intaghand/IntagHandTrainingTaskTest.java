package org.ambidex.train.intaghand;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.WeightImport;
import org.ambidex.nets.intaghand.HandGraphs;
import org.ambidex.nets.intaghand.IntagHandModel;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.ambidex.train.TrainingTask;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IntagHand's training task on a synthetic set (random images and targets per example index, random graphs of the
 * published sizes, the MANO-format fixture): a stopped and resumed run ends bit for bit where a straight one does,
 * the exported file loads back strictly with the layout of the published checkpoint, and the loss falls on a
 * repeated batch.
 */
@Tag("slow")
class IntagHandTrainingTaskTest {

    static final Path MANO = Path.of("src/test/resources/fixtures/mano-format");

    /** Random graphs in {@code build_graph}'s sizes. */
    static HandGraphs graphs(long seed) {
        return org.ambidex.nets.intaghand.RandomHandGraphs.of(seed);
    }

    static final HandGraphs LEFT_GRAPHS = graphs(1);
    static final HandGraphs RIGHT_GRAPHS = graphs(2);

    static IntagHandLoss loss() {
        HandModel left = HandModelLoader.load(MANO, HandSide.LEFT, true);
        HandModel right = HandModelLoader.load(MANO, HandSide.RIGHT, true);
        // The fixture's random faces include some with a repeated corner; an edge of length 0 has no gradient
        // through its length (NaN), and MANO has no such face: replace them, as intaghand_reference.py does.
        return new IntagHandLoss(left, right, LEFT_GRAPHS, RIGHT_GRAPHS).withFaces(faces(left), faces(right));
    }

    static long[] faces(HandModel model) {
        long[] f = model.faces().toLongArray();
        for (int r = 0; r < f.length / 3; r++) {
            long a = f[3 * r];
            long b = f[3 * r + 1];
            long c = f[3 * r + 2];
            if (a == b || b == c || a == c) {
                for (int k = 0; k < 3; k++) {
                    f[3 * r + k] = (r + k) % HandGraphs.VERTICES;
                }
            }
        }
        return f;
    }

    /** Per example index a fixed random image and targets (no augmentation: the seeds are not needed). */
    static IntagHandBatch batch(int[] indices, long[] seeds, NDManager m) {
        int b = indices.length;
        float[][] parts = new float[9][];
        int[] sizes = {3 * 256 * 256, 778 * 3, 778 * 3, 778 * 2, 778 * 2, 3, 2 * 64 * 64, 3 * 64 * 64, 42 * 64 * 64};
        for (int p = 0; p < parts.length; p++) {
            parts[p] = new float[b * sizes[p]];
        }
        for (int e = 0; e < b; e++) {
            SplittableRandom r = new SplittableRandom(1000 + indices[e]);
            for (int p = 0; p < parts.length; p++) {
                for (int i = 0; i < sizes[p]; i++) {
                    double v = switch (p) {
                        case 0 -> r.nextGaussian();
                        case 1, 2 -> 0.05 * r.nextGaussian();
                        case 3, 4 -> 256 * r.nextDouble();
                        case 5 -> 0.1 * r.nextGaussian();
                        case 6 -> r.nextDouble() < 0.3 ? 1 : 0;
                        default -> r.nextDouble();
                    };
                    parts[p][e * sizes[p] + i] = (float) v;
                }
            }
        }
        NDArray image = m.create(parts[0], new Shape(b, 3, 256, 256));
        return new IntagHandBatch(image, new IntagHandTargets(m.create(parts[1], new Shape(b, 778, 3)),
            m.create(parts[2], new Shape(b, 778, 3)), m.create(parts[3], new Shape(b, 778, 2)),
            m.create(parts[4], new Shape(b, 778, 2)), m.create(parts[5], new Shape(b, 3)),
            m.create(parts[6], new Shape(b, 2, 64, 64)), m.create(parts[7], new Shape(b, 3, 64, 64)),
            m.create(parts[8], new Shape(b, 42, 64, 64))));
    }

    static IntagHandTrainingTask task(long seed, int trainSize) {
        return new IntagHandTrainingTask(IntagHandModel.initialised(LEFT_GRAPHS, RIGHT_GRAPHS, seed), trainSize, 2,
            IntagHandTrainingTaskTest::batch, loss());
    }

    static TrainSettings settings(Path out, int checkpointEvery) {
        return new TrainSettings(out, 2, 2, 17, checkpointEvery, IntagHandSchedule.of(1e-4), Map.of("test", "x"));
    }

    @Test
    void stoppedAndResumedRunEndsWithTheSameWeightsAsAStraightRun(@TempDir Path dir) {
        List<String> log = new ArrayList<>();
        TrainLoop.Result straight;
        try (IntagHandTrainingTask t = task(5, 4)) {
            straight = TrainLoop.run(t, settings(dir.resolve("a"), 0), -1, log::add);
        }
        assertThat(straight.step()).isEqualTo(4);
        try (IntagHandTrainingTask t = task(5, 4)) {
            assertThat(TrainLoop.run(t, settings(dir.resolve("b"), 0), 3, log::add).step()).isEqualTo(3);
        }
        TrainLoop.Result resumed;
        // another seed's weights before restoring: the restore must overwrite every one
        try (IntagHandTrainingTask t = task(99, 4)) {
            resumed = TrainLoop.run(t, settings(dir.resolve("b"), 0), -1, log::add);
        }
        assertThat(resumed.resumedFrom()).isEqualTo(3);
        assertThat(resumed.step()).isEqualTo(4);

        StateDict a = Checkpoints.read(dir.resolve("a").resolve(TrainLoop.CHECKPOINT));
        StateDict b = Checkpoints.read(dir.resolve("b").resolve(TrainLoop.CHECKPOINT));
        Map<String, NdArray> wa = a.select("network").tensors();
        Map<String, NdArray> wb = b.select("network").tensors();
        assertThat(wb.keySet()).isEqualTo(wa.keySet());
        int changed = 0;
        try (IntagHandModel fresh = IntagHandModel.initialised(LEFT_GRAPHS, RIGHT_GRAPHS, 5)) {
            Map<String, NdArray> start = WeightImport.export(fresh.network());
            for (String k : wa.keySet()) {
                assertThat(java.util.Arrays.equals(wb.get(k).toDoubleArray(), wa.get(k).toDoubleArray())).as(k)
                    .isTrue();
                if (start.containsKey(k)
                    && !java.util.Arrays.equals(start.get(k).toDoubleArray(), wa.get(k).toDoubleArray())) {
                    changed++;
                }
            }
        }
        Map<String, NdArray> oa = a.select("optimizer").allTensors();
        Map<String, NdArray> ob = b.select("optimizer").allTensors();
        assertThat(ob.keySet()).isEqualTo(oa.keySet());
        for (String k : oa.keySet()) {
            assertThat(java.util.Arrays.equals(ob.get(k).toDoubleArray(), oa.get(k).toDoubleArray())).as(k).isTrue();
        }
    }

    @Test
    void exportHasThePublishedLayoutAndLoadsBackStrictly(@TempDir Path dir) {
        Path file = dir.resolve("interhand.pth");
        try (IntagHandTrainingTask t = task(7, 2)) {
            t.step(new int[] {0, 1}, new long[] {0, 0}, 1e-4);
            IntagHandExport.write(file, t.model().network(), IntagHandExport.classifier(null, 7));
            StateDict written = Checkpoints.read(file);
            Map<String, NdArray> tensors = written.tensors();
            assertThat(tensors.keySet()).allMatch(k -> k.startsWith("module."));
            assertThat(tensors).containsKeys("module.encoder.resnet.fc.weight", "module.encoder.resnet.fc.bias",
                "module.decoder.dense_coor", "module.decoder.unsample_layer.weight",
                "module.encoder.resnet.bn1.num_batches_tracked");
            assertThat(tensors.get("module.encoder.resnet.fc.weight").shape()).containsExactly(1000, 2048);
            Map<String, NdArray> trained = WeightImport.export(t.model().network());
            assertThat(tensors).hasSize(trained.size() + 2);
            try (IntagHandModel back = IntagHandModel.fromCheckpoint(file, LEFT_GRAPHS, RIGHT_GRAPHS)) {
                Map<String, NdArray> loaded = WeightImport.export(back.network());
                for (String k : trained.keySet()) {
                    assertThat(java.util.Arrays.equals(loaded.get(k).toDoubleArray(), trained.get(k).toDoubleArray()))
                        .as(k).isTrue();
                }
            }
        }
    }

    @Test
    void lossFallsOnARepeatedBatch() {
        try (IntagHandTrainingTask t = task(11, 2)) {
            int[] idx = {0, 1};
            long[] seeds = {0, 0};
            Map<String, NdArray> before = WeightImport.export(t.model().network());
            List<Double> losses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                TrainingTask.StepLoss s = t.step(idx, seeds, 1e-4);
                assertThat(s.total()).isFinite();
                losses.add(s.total());
            }
            assertThat(losses.get(3)).as("losses %s", losses).isLessThan(losses.get(0));
            // MODEL.freeze_upsample: the up-sampling matrix stays as loaded while the layers about it learn.
            Map<String, NdArray> after = WeightImport.export(t.model().network());
            assertThat(after.get("decoder.unsample_layer.weight").toDoubleArray()).as("frozen up-sampling")
                .containsExactly(before.get("decoder.unsample_layer.weight").toDoubleArray());
            assertThat(after.get("decoder.coord_head.weight").toDoubleArray()).as("a learning layer")
                .isNotEqualTo(before.get("decoder.coord_head.weight").toDoubleArray());
        }
    }

    @Test
    void scheduleWarmsUpOverThreeEpochsThenStepsDown() {
        var s = IntagHandSchedule.of(1e-4);
        assertThat(s.at(0, 0)).isEqualTo(1e-7, org.assertj.core.api.Assertions.within(1e-20));
        assertThat(s.at(1, 99)).isEqualTo(1e-7 + (1e-4 - 1e-7) / 3, org.assertj.core.api.Assertions.within(1e-20));
        assertThat(s.at(3, 0)).isEqualTo(1e-4);
        assertThat(s.at(152, 0)).isEqualTo(1e-4);
        assertThat(s.at(153, 0)).isEqualTo(1e-4 * Math.max(0.1, 0.05));
        assertThat(s.at(199, 0)).isEqualTo(1e-4 * 0.1);
    }
}
