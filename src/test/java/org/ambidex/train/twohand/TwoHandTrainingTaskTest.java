package org.ambidex.train.twohand;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ambidex.data.HandLayerRootJoint;
import org.ambidex.data.ManoCameraConversion;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.twohand.TwoHandConfig;
import org.ambidex.nets.twohand.TwoHandModel;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoHandTrainingTaskTest {

    static final TwoHandConfig SMALL = new TwoHandConfig(18, 8, 64, 2, 4, 64, TwoHandConfig.IMAGENET_MEAN,
        TwoHandConfig.IMAGENET_STD);

    @TempDir
    static Path shared;
    static HandLayerRootJoint roots;
    static InterHandDataset dataset;
    static List<Sample> samples;

    @BeforeAll
    static void writeData() {
        Path data = TinyTwoHandSet.write(shared.resolve("set"), "train", 8, 4);
        roots = new HandLayerRootJoint(TinyTwoHandSet.RIGHT, TinyTwoHandSet.LEFT);
        dataset = InterHandDataset.open(data, InterHandFilter.all("train"),
            new InterHandDataset.Options(new ManoCameraConversion(roots), null));
        samples = new ArrayList<>(dataset.samples());
    }

    @AfterAll
    static void close() {
        dataset.close();
        roots.close();
    }

    private static TwoHandTrainingTask task(long seed) {
        return new TwoHandTrainingTask(TwoHandModel.initialised(SMALL, TinyTwoHandSet.RIGHT, TinyTwoHandSet.LEFT, seed),
            samples, TwoHandLossWeights.DEFAULT, true, 1e-4, null);
    }

    private static TrainSettings settings(Path out, int epochs, int checkpointEvery, double lr) {
        return new TrainSettings(out, epochs, 4, 17, checkpointEvery, WarmupCosine.of(lr, 2, epochs * 2L),
            Map.of("network", SMALL.toString()));
    }

    @Test
    void killedAndResumedRunEndsWithTheSameWeightsAsAStraightRun(@TempDir Path dir) {
        List<String> log = new ArrayList<>();
        TrainLoop.Result straight;
        try (TwoHandTrainingTask t = task(17)) {
            straight = TrainLoop.run(t, settings(dir.resolve("a"), 4, 3, 1e-3), -1, log::add);
        }
        assertThat(straight.step()).isEqualTo(8);
        assertThat(straight.epochs()).hasSize(4);

        // Interrupted after step 5: the last checkpoint is step 5 (the loop checkpoints where it stops); a kill
        // between checkpoints is the same as stopping at the last one, since the step is recomputed from there.
        try (TwoHandTrainingTask t = task(17)) {
            assertThat(TrainLoop.run(t, settings(dir.resolve("b"), 4, 3, 1e-3), 5, log::add).step()).isEqualTo(5);
        }
        TrainLoop.Result resumed;
        // A fresh process would initialise from another seed's weights before restoring: restoring must overwrite all.
        try (TwoHandTrainingTask t = task(99)) {
            resumed = TrainLoop.run(t, settings(dir.resolve("b"), 4, 3, 1e-3), -1, log::add);
        }
        assertThat(resumed.resumedFrom()).isEqualTo(5);
        assertThat(resumed.step()).isEqualTo(8);

        StateDict a = Checkpoints.read(dir.resolve("a").resolve(TrainLoop.CHECKPOINT));
        StateDict b = Checkpoints.read(dir.resolve("b").resolve(TrainLoop.CHECKPOINT));
        Map<String, NdArray> wa = a.select("network").tensors();
        Map<String, NdArray> wb = b.select("network").tensors();
        assertThat(wb.keySet()).isEqualTo(wa.keySet());
        for (String k : wa.keySet()) {
            assertThat(wb.get(k).toDoubleArray()).as(k).containsExactly(wa.get(k).toDoubleArray());
        }
        Map<String, NdArray> oa = a.select("optimizer").allTensors();
        Map<String, NdArray> ob = b.select("optimizer").allTensors();
        assertThat(ob.keySet()).isEqualTo(oa.keySet());
        for (String k : oa.keySet()) {
            assertThat(ob.get(k).toDoubleArray()).as(k).containsExactly(oa.get(k).toDoubleArray());
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void overfitsAHandfulOfSamples(@TempDir Path dir) {
        TrainLoop.Result r;
        try (TwoHandTrainingTask t = task(3)) {
            r = TrainLoop.run(t, new TrainSettings(dir, 40, 4, 3, 0, WarmupCosine.of(3e-3, 4, 80), Map.of()), -1,
                s -> { });
        }
        double first = r.epochs().get(0).meanLoss();
        double last = r.epochs().get(r.epochs().size() - 1).meanLoss();
        assertThat(last).as("loss %s -> %s", first, last).isLessThan(first * 0.3);
    }

    @Test
    void scheduleWarmsUpThenDecaysToItsFloor() {
        var s = WarmupCosine.of(1e-3, 10, 101);
        assertThat(s.at(0, 0)).isEqualTo(1e-4, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(s.at(0, 9)).isEqualTo(1e-3 * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * 0.09))),
            org.assertj.core.api.Assertions.within(1e-12));
        assertThat(s.at(0, 100)).isEqualTo(5e-5, org.assertj.core.api.Assertions.within(1e-12));
    }
}
