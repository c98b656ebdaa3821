package org.ambidex.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one architecture supplies to the shared {@link TrainLoop}: its optimisation step, its state for
 * checkpoints and its epoch-end validation. The loop owns the order of the data, the schedule, checkpointing,
 * resuming and progress reporting.
 */
public interface TrainingTask extends AutoCloseable {

    /** The architecture's name, recorded in checkpoints ({@code internet}, {@code twohand}). */
    String arch();

    /** Samples in the training set. */
    int trainSize();

    /**
     * One optimisation step: forward on the training samples {@code indices} (in this order), each augmented from
     * its own stream seeded by {@code seeds[i]}, backward, and an optimizer update with learning rate {@code lr}.
     */
    StepLoss step(int[] indices, long[] seeds, double lr);

    /**
     * The state to checkpoint after {@code step} steps, at learning rate {@code lr}.
     *
     * @param withOptimizer false for a weights-only export
     */
    TrainingCheckpoint checkpoint(long step, int epochsDone, double lr, Map<String, Object> settings,
                                  boolean withOptimizer);

    /** Restores network and optimizer from a checkpoint this task wrote (after the loop checked the settings). */
    void restore(TrainingCheckpoint.Loaded checkpoint);

    /**
     * Evaluates the network at the end of epoch {@code epoch} (from 0), writing any report under {@code folder};
     * returns the headline metrics (name to value, in the report's units), empty when there is no validation set.
     */
    Map<String, Double> validate(int epoch, Path folder);

    @Override
    void close();

    /**
     * Updates dropped since the task was made because a gradient held a NaN or an infinity while the loss was
     * finite (the weights were left as they were); the loop reports each one. 0 for tasks that never drop one.
     */
    default long skippedUpdates() {
        return 0;
    }

    /**
     * The loss of one step.
     *
     * @param total the optimised loss
     * @param terms its named terms (their sum is {@code total})
     */
    record StepLoss(double total, Map<String, Double> terms) {
        public StepLoss {
            terms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(terms));
        }
    }
}
