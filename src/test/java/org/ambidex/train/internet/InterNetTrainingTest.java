package org.ambidex.train.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.data.HandType;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.InterNetModel;
import org.ambidex.nets.Threads;
import org.ambidex.train.LearningRateSchedule;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterNetTrainingTest {

    @TempDir
    static Path dir;
    private static Path data;
    private static int threads;

    @BeforeAll
    static void writeSet() {
        data = TinyInterHandSet.write(dir.resolve("ih"), "train", 4, 3);
        threads = Threads.get();
        Threads.set(1); // bit-identical results need one intra-op thread
    }

    @AfterAll
    static void restoreThreads() {
        Threads.set(threads);
    }

    private static TrainSettings settings(Path out, double lr) {
        return new TrainSettings(out, 2, 2, 11, 1, LearningRateSchedule.stepDecay(lr, 10, 1), Map.of("lr", lr));
    }

    private static TrainLoop.Result train(Path out, long stopAfter, boolean augment, double lr) {
        try (InterHandDataset ds = InterHandDataset.open(data, InterHandFilter.all("train"));
             InterNetTrainingTask task = new InterNetTrainingTask(InterNetModel.initialised(TinyInterHandSet.TINY, 5),
                 new ArrayList<>(ds.samples()), augment, null)) {
            return TrainLoop.run(task, settings(out, lr), stopAfter, line -> { });
        }
    }

    private static Map<String, NdArray> everyTensor(Path checkpoint) {
        StateDict root = Checkpoints.read(checkpoint);
        return root.allTensors();
    }

    /** 4 steps straight equal 2 steps, a restart from the checkpoint, and 2 more: weights, BN and Adam state. */
    @Test
    void resumedRunIsBitIdenticalToAStraightRun() {
        TrainLoop.Result straight = train(dir.resolve("straight"), -1, true, 1e-4);
        assertThat(straight.finished()).isTrue();
        assertThat(straight.step()).isEqualTo(4);
        assertThat(straight.epochs()).hasSize(2);

        TrainLoop.Result first = train(dir.resolve("resumed"), 2, true, 1e-4);
        assertThat(first.step()).isEqualTo(2);
        assertThat(first.finished()).isFalse();
        TrainLoop.Result second = train(dir.resolve("resumed"), -1, true, 1e-4);
        assertThat(second.resumedFrom()).isEqualTo(2);
        assertThat(second.step()).isEqualTo(4);
        assertThat(second.lastLoss()).isEqualTo(straight.lastLoss());

        Map<String, NdArray> a = everyTensor(dir.resolve("straight").resolve(TrainLoop.CHECKPOINT));
        Map<String, NdArray> b = everyTensor(dir.resolve("resumed").resolve(TrainLoop.CHECKPOINT));
        assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
        assertThat(a.keySet()).anyMatch(k -> k.startsWith("optimizer.state.0.exp_avg_sq"))
            .anyMatch(k -> k.endsWith("running_var")).anyMatch(k -> k.endsWith("num_batches_tracked"));
        List<String> differing = new ArrayList<>();
        a.forEach((k, v) -> {
            if (!java.util.Arrays.equals(v.bytes(), b.get(k).bytes())) {
                differing.add(k);
            }
        });
        assertThat(differing).isEmpty();
        // and training moved the weights away from the initialisation
        try (InterNetModel init = InterNetModel.initialised(TinyInterHandSet.TINY, 5)) {
            NdArray before = init.network().stateEntries().get("pose_net.hand_fc.2.weight").read();
            assertThat(a.get("network.module.pose_net.hand_fc.2.weight").bytes()).isNotEqualTo(before.bytes());
        }
        StateDict root = Checkpoints.read(dir.resolve("straight").resolve(TrainLoop.CHECKPOINT));
        assertThat(root.epoch()).contains(1L);
        assertThat(root.select("optimizer").select("state").select("0").require("step").getDouble(0)).isEqualTo(4);
    }

    /** Six Adam steps on two samples lower every loss term (measured with lr 0 before and after). */
    @Test
    void aFewStepsOnATinySetReduceEveryLossTerm() {
        Path out = dir.resolve("fit");
        Map<String, Double> before;
        Map<String, Double> after;
        try (InterHandDataset ds = InterHandDataset.open(data, InterHandFilter.all("train"));
             InterNetTrainingTask task = new InterNetTrainingTask(InterNetModel.initialised(TinyInterHandSet.TINY, 5),
                 interactingAndSingle(ds.samples()), false, null)) {
            TrainSettings s = new TrainSettings(out, 6, 2, 1, 0, (e, st) -> 1e-3, Map.of());
            int[] both = {0, 1};
            long[] seeds = {0, 0};
            before = task.step(both, seeds, 0).terms();
            TrainLoop.run(task, s, -1, line -> { });
            after = task.step(both, seeds, 0).terms();
        }
        assertThat(after.keySet()).containsExactly("joint_heatmap", "rel_root_depth", "hand_type");
        for (String term : before.keySet()) {
            assertThat(after.get(term)).as(term).isLessThan(before.get(term));
        }
    }

    /** An interacting sample (it has a relative-root target) and a single-hand one. */
    private static List<Sample> interactingAndSingle(List<Sample> all) {
        Sample two = all.stream().filter(x -> x.handType() == HandType.INTERACTING).findFirst().orElseThrow();
        Sample one = all.stream().filter(x -> x.handType() != HandType.INTERACTING).findFirst().orElseThrow();
        return List.of(two, one);
    }

    @Test
    void resumingWithOtherSettingsIsRefusedWithTheSettingNamed() {
        Path out = dir.resolve("other");
        train(out, 1, false, 1e-4);
        assertThatThrownBy(() -> train(out, -1, false, 2e-4)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("lr");
    }

}
