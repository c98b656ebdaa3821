package org.ambidex.train.s2hand;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.s2hand.S2HandModel;
import org.ambidex.train.LearningRateSchedule;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape, heat-map (kp), fine-tune and end-to-end stages through the shared loop on right-hand crops (one batch,
 * the stage's learning rate): the loss is finite and falls over six steps (three where the hourglass runs), the terms
 * are the stage's, and a run stopped after two steps and resumed ends with the straight run's weights and loss, bit
 * for bit. The stages that render run
 * on the MANO-format fixture (the texture head colours MANO's 1538 faces); its random template makes {@code triangle}
 * NaN, which the reference's rule leaves out of the sum. Only the modules a stage runs move. (The keypoint stage is
 * {@link S2HandTrainingTaskTest}'s.)
 */
@Tag("slow")
class S2HandStageTest {

    /** Steps of the straight run; fewer where the heat-map branch runs (an hourglass step is slow on the CPU). */
    private static int steps(S2HandStage stage) {
        return stage.heatmaps() ? 3 : 6;
    }

    /**
     * Crops, one batch: one for the heat-map stage (its batch norms average over the map's cells); two where the
     * regressor's one-dimensional batch norm needs two samples.
     */
    private static int crops(S2HandStage stage) {
        return stage.threeD() ? 2 : 1;
    }

    @TempDir
    Path dir;

    @Test
    void shape() {
        run(S2HandStage.SHAPE, List.of("open_2dj", "open_bone_direc", "mscale", "tsa_poses"));
    }

    @Test
    void heatmapBranchAlone() {
        run(S2HandStage.KP, List.of("hm_integral"));
    }

    @Test
    void finetune() {
        run(S2HandStage.FINETUNE, List.of("open_2dj", "open_bone_direc", "mscale", "tsa_poses", "hm_integral",
            "kp_cons", "texture", "mtex"));
    }

    @Test
    void endToEnd() {
        run(S2HandStage.E2E, List.of("open_2dj", "open_bone_direc", "mscale", "tsa_poses", "hm_integral", "kp_cons",
            "triangle", "texture", "mtex", "mrgb"));
    }

    @Test
    void aStageThatRendersNeedsManosFaces() {
        List<S2HandExample> crops = S2HandPilot.rightHandCrops(Path.of("examples"), "train").subList(0, 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new S2HandTrainingTask(S2HandModel.initialised(
                HandModelLoader.resolve("open", HandSide.RIGHT, false), 0), crops, crops, false, S2HandStage.E2E))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1538");
    }

    private void run(S2HandStage stage, List<String> terms) {
        List<S2HandExample> crops = S2HandPilot.rightHandCrops(Path.of("examples"), "train").subList(0,
            crops(stage));
        Straight straight = straight(stage, crops, dir.resolve("straight"));
        assertThat(straight.terms).containsExactlyInAnyOrderElementsOf(terms);
        System.out.printf("S2HAND %s stage on %d crops: loss %.5f at step 1, %.5f at step %d; terms %s%n",
            stage.label(), crops.size(), straight.first, straight.last, steps(stage), straight.values);
        assertThat(straight.first).isFinite().isPositive();
        assertThat(straight.last).isFinite().isLessThan(straight.first);
        TrainSettings settings = settings(stage, dir.resolve("resumed"));
        try (S2HandTrainingTask task = task(stage, crops)) {
            TrainLoop.Result stopped = TrainLoop.run(task, settings, 2, line -> { });
            assertThat(stopped.finished()).isFalse();
        }
        try (S2HandTrainingTask task = task(stage, crops)) {
            TrainLoop.Result resumed = TrainLoop.run(task, settings, -1, line -> { });
            assertThat(resumed.resumedFrom()).isEqualTo(2);
            assertThat(resumed.finished()).isTrue();
            assertThat(Double.doubleToLongBits(resumed.lastLoss())).isEqualTo(Double.doubleToLongBits(straight.last));
            List<float[]> weights = weights(task.model());
            assertThat(weights).hasSameSizeAs(straight.weights);
            List<String> differ = new ArrayList<>();
            List<String> names = names(task.model());
            for (int i = 0; i < weights.size(); i++) {
                if (!java.util.Arrays.equals(weights.get(i), straight.weights.get(i))) {
                    differ.add(names.get(i));
                }
            }
            assertThat(differ).as("parameters that differ from the straight run's").isEmpty();
            // Only the modules the stage runs learn: the others keep their starting values.
            try (S2HandModel fresh = S2HandModel.initialised(task.model().mano().model(), 0)) {
                List<float[]> start = weights(fresh);
                List<String> moved = new ArrayList<>();
                for (int i = 0; i < weights.size(); i++) {
                    if (!java.util.Arrays.equals(weights.get(i), start.get(i))) {
                        moved.add(names.get(i));
                    }
                }
                assertThat(moved).as("parameters that moved").isNotEmpty()
                    .allMatch(n -> stage.heatmaps() || !n.contains("rgb2hm"))
                    .allMatch(n -> stage.threeD() || n.contains("rgb2hm"));
            }
        }
    }

    private record Straight(double first, double last, List<String> terms, Map<String, Double> values,
                            List<float[]> weights) {
    }

    private static Straight straight(S2HandStage stage, List<S2HandExample> crops, Path out) {
        try (S2HandTrainingTask task = task(stage, crops)) {
            TrainSettings settings = settings(stage, out);
            TrainLoop.Result first = TrainLoop.run(task, settings, 1, line -> { });
            TrainLoop.Result last = TrainLoop.run(task, settings, -1, line -> { });
            try (S2HandTrainingTask fresh = task(stage, crops)) {
                int[] all = java.util.stream.IntStream.range(0, crops.size()).toArray();
                var step = fresh.step(all, java.util.stream.LongStream.rangeClosed(1, all.length).toArray(),
                    stage.lr());
                return new Straight(first.lastLoss(), last.lastLoss(), new ArrayList<>(step.terms().keySet()),
                    step.terms(), weights(task.model()));
            }
        }
    }

    /** The open hand model; for a stage that renders, the MANO-format fixture (the texture head colours its faces). */
    private static S2HandTrainingTask task(S2HandStage stage, List<S2HandExample> crops) {
        HandModel hand = stage.renders()
            ? HandModelLoader.load(S2HandLossesTest.MANO_DIR.resolve("MANO_RIGHT.pkl"), HandSide.RIGHT, false)
            : HandModelLoader.resolve("open", HandSide.RIGHT, false);
        // Validation (the held-out error after each epoch) only where it is cheap: not through the hourglass.
        return new S2HandTrainingTask(S2HandModel.initialised(hand, 0), crops, stage.heatmaps() ? List.of() : crops,
            false, stage);
    }

    private static TrainSettings settings(S2HandStage stage, Path out) {
        return new TrainSettings(out, steps(stage), crops(stage), 0, 0, LearningRateSchedule.stepDecay(stage.lr(), 2),
            Map.of("test", "s2hand " + stage.label()));
    }

    private static List<String> names(S2HandModel model) {
        List<String> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            out.add(p.getKey());
        }
        return out;
    }

    private static List<float[]> weights(S2HandModel model) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }
}
