package org.ambidex.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the loop records of each epoch across kills and reruns, with a stand-in task (no network): a validation a
 * kill cut is done on resume, a finished run run again still knows its metrics, the loss line after a resume says
 * what it is over, and another number of epochs is refused.
 */
class TrainLoopRecordsTest {

    @TempDir
    Path dir;

    /** Four samples, two a step: two steps an epoch. The weight counts steps; validation reports it. */
    private static final class CountingTask implements TrainingTask {
        double weight;
        final List<Integer> validated = new ArrayList<>();
        Integer failValidationAt;
        /** The step (counted from 0 by this task) whose update is dropped as for a NaN gradient, or -1. */
        int skipAt = -1;
        long skipped;
        int steps;

        @Override
        public String arch() {
            return "counting";
        }

        @Override
        public int trainSize() {
            return 4;
        }

        @Override
        public StepLoss step(int[] indices, long[] seeds, double lr) {
            double loss = 10 / (weight + 1);
            if (steps++ == skipAt) {
                skipped++;
            } else {
                weight += 1;
            }
            return new StepLoss(loss, Map.of("all", loss));
        }

        @Override
        public long skippedUpdates() {
            return skipped;
        }

        @Override
        public TrainingCheckpoint checkpoint(long step, int epochsDone, double lr, Map<String, Object> settings,
                                             boolean withOptimizer) {
            return new TrainingCheckpoint(arch(), step, epochsDone,
                Map.of("w", NdArray.ofDoubles(new int[] {1}, weight)), Map.of(), settings);
        }

        @Override
        public void restore(TrainingCheckpoint.Loaded checkpoint) {
            weight = checkpoint.network().require("w").toDoubleArray()[0];
        }

        @Override
        public Map<String, Double> validate(int epoch, Path folder) {
            if (failValidationAt != null && failValidationAt == epoch) {
                throw new IllegalStateException("killed while validating epoch " + epoch);
            }
            validated.add(epoch);
            return Map.of("weight", weight);
        }

        @Override
        public void close() {
        }
    }

    private TrainSettings settings(int epochs) {
        return new TrainSettings(dir.resolve("run"), epochs, 2, 1, 0, (epoch, step) -> 0.1, new LinkedHashMap<>());
    }

    @Test
    void aValidationCutByAKillIsDoneWhenTheRunResumes() {
        CountingTask killed = new CountingTask();
        killed.failValidationAt = 0;
        assertThatThrownBy(() -> TrainLoop.run(killed, settings(2), -1, line -> { }))
            .hasMessageContaining("killed while validating epoch 0");
        assertThat(dir.resolve("run/checkpoint.pth.tar")).exists(); // the epoch-end checkpoint came first
        assertThat(dir.resolve("run/val/epoch_0/epoch.json")).doesNotExist();

        CountingTask resumed = new CountingTask();
        List<String> log = new ArrayList<>();
        TrainLoop.Result r = TrainLoop.run(resumed, settings(2), -1, log::add);
        assertThat(resumed.validated).containsExactly(0, 1);
        assertThat(log).anyMatch(l -> l.startsWith("epoch 0: step 2, mean loss not known (validated after a resume)")
            && l.contains("weight 2"));
        assertThat(r.epochs()).extracting(TrainLoop.EpochSummary::epoch).containsExactly(0, 1);
        assertThat(dir.resolve("run/val/epoch_0/epoch.json")).exists();
        assertThat(log).noneMatch(l -> l.contains("NaN"));
    }

    @Test
    void aSkippedUpdateIsReportedWithItsStep() {
        CountingTask task = new CountingTask();
        task.skipAt = 1;
        List<String> log = new ArrayList<>();
        TrainLoop.run(task, settings(2), -1, log::add);
        assertThat(log).filteredOn(l -> l.contains("update skipped")).containsExactly(
            "step 1: update skipped, a gradient was NaN or infinite (loss 5.0); the weights are as before the step");
        assertThat(task.weight).isEqualTo(3); // four steps, one of them dropped
    }

    @Test
    void aFinishedRunRunAgainKnowsItsEpochsWithoutRedoingThem() {
        TrainLoop.Result first = TrainLoop.run(new CountingTask(), settings(2), -1, line -> { });
        CountingTask again = new CountingTask();
        TrainLoop.Result second = TrainLoop.run(again, settings(2), -1, line -> { });
        assertThat(second.finished()).isTrue();
        assertThat(again.validated).isEmpty();
        assertThat(second.epochs()).hasSize(2);
        assertThat(second.epochs().get(1).validation()).isEqualTo(first.epochs().get(1).validation())
            .containsEntry("weight", 4.0);
        assertThat(second.epochs().get(1).meanLoss()).isEqualTo(first.epochs().get(1).meanLoss());
    }

    @Test
    void theLossLineAfterAResumeSaysWhatItIsOver() {
        TrainLoop.run(new CountingTask(), settings(2), 1, line -> { });
        List<String> log = new ArrayList<>();
        TrainLoop.run(new CountingTask(), settings(2), -1, log::add);
        assertThat(log).anyMatch(l -> l.startsWith("epoch 0: step 2, mean loss ")
            && l.contains("(over its last 1 of 2 steps, after a resume)"));
        assertThat(log).anyMatch(l -> l.startsWith("epoch 1: step 4, mean loss ") && !l.contains("after a resume"));
        assertThat(log).noneMatch(l -> l.contains("NaN"));
    }

    @Test
    void anotherNumberOfEpochsOnResumeIsRefused() {
        TrainLoop.run(new CountingTask(), settings(2), 1, line -> { });
        assertThatThrownBy(() -> TrainLoop.run(new CountingTask(), settings(3), -1, line -> { }))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("was written by a run with epochs = 2, this run has 3");
        assertThat(Files.exists(dir.resolve("run/val/epoch_0"))).isFalse();
    }
}
