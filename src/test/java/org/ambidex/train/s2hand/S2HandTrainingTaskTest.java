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
 * S2HAND's keypoint stage through the shared loop on two right-hand crops of the example renders: the loss is
 * finite, a run stopped after two steps resumes from its checkpoint and finishes, and the keypoint error on the
 * crops falls.
 */
class S2HandTrainingTaskTest {

    @TempDir
    Path dir;

    @Test
    void keypointErrorFallsAndARunResumes() {
        List<S2HandExample> crops = S2HandPilot.rightHandCrops(Path.of("examples"), "train").subList(0, 2);
        TrainSettings settings = new TrainSettings(dir, 3, 2, 0, 0, LearningRateSchedule.stepDecay(1e-3, 2),
            Map.of("test", "s2hand"));
        try (S2HandTrainingTask task = new S2HandTrainingTask(S2HandModel.initialised(
            HandModelLoader.resolve("open", HandSide.RIGHT, false), 0), crops, crops)) {
            double before = task.keypointError(crops);
            TrainLoop.Result first = TrainLoop.run(task, settings, 2, line -> { });
            assertThat(first.step()).isEqualTo(2);
            assertThat(first.finished()).isFalse();
            assertThat(first.lastLoss()).isFinite().isPositive();
            TrainLoop.Result second = TrainLoop.run(task, settings, Long.MAX_VALUE, line -> { });
            assertThat(second.resumedFrom()).isEqualTo(2);
            assertThat(second.finished()).isTrue();
            assertThat(task.keypointError(crops)).as("keypoint error, px").isLessThan(before);
        }
    }
}
