package org.ambidex.train.s2hand;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.s2hand.S2HandModel;
import org.ambidex.train.LearningRateSchedule;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S2HAND's keypoint stage through the shared loop on two right-hand crops of the example renders (one batch): a run
 * stopped after its first step resumes from the checkpoint and finishes its ten steps, and the loss falls. (The
 * evaluation-mode keypoint error is not compared: EfficientNet's batch-norm momentum of 0.01 leaves the running
 * statistics near their start after ten steps.)
 */
class S2HandTrainingTaskTest {

    @TempDir
    Path dir;

    @Test
    void lossFallsAndARunResumes() {
        List<S2HandExample> crops = S2HandPilot.rightHandCrops(Path.of("examples"), "train").subList(0, 2);
        TrainSettings settings = new TrainSettings(dir, 10, 2, 0, 0, LearningRateSchedule.stepDecay(1e-3, 2),
            Map.of("test", "s2hand"));
        try (S2HandTrainingTask task = new S2HandTrainingTask(S2HandModel.initialised(
            HandModelLoader.resolve("open", HandSide.RIGHT, false), 0), crops, crops)) {
            TrainLoop.Result first = TrainLoop.run(task, settings, 1, line -> { });
            assertThat(first.step()).isEqualTo(1);
            assertThat(first.finished()).isFalse();
            assertThat(first.lastLoss()).isFinite().isPositive();
            TrainLoop.Result second = TrainLoop.run(task, settings, -1, line -> { });
            assertThat(second.resumedFrom()).isEqualTo(1);
            assertThat(second.finished()).isTrue();
            // Every step sees both crops: the loss of the last step is below that of the first.
            System.out.printf("S2HAND keypoint stage on two crops: loss %.4f at step 1, %.4f at step %d%n",
                first.lastLoss(), second.lastLoss(), second.step());
            assertThat(second.lastLoss()).isLessThan(first.lastLoss());
            assertThat(task.keypointError(crops)).as("keypoint error, px").isFinite();
        }
    }
}
