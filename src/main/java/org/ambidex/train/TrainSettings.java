package org.ambidex.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The shared settings of a training run.
 *
 * @param out the run folder: {@link TrainLoop#CHECKPOINT} (resumable, replaced atomically), validation reports
 * @param epochs passes over the training set
 * @param batchSize samples per step
 * @param seed seed of initialisation, data order and augmentation
 * @param checkpointEvery steps between checkpoints (0: only at the end of each epoch)
 * @param schedule the learning rate per epoch and step
 * @param identity the settings a resumed run must share with the run that wrote the checkpoint (recorded in it):
 *     everything that changes which numbers the run computes
 */
public record TrainSettings(Path out, int epochs, int batchSize, long seed, int checkpointEvery,
                            LearningRateSchedule schedule, Map<String, Object> identity) {

    public TrainSettings {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(schedule, "schedule");
        if (epochs < 1 || batchSize < 1 || checkpointEvery < 0) {
            throw new IllegalArgumentException("epochs and batch size must be positive, the checkpoint interval not "
                + "negative");
        }
        Map<String, Object> all = new LinkedHashMap<>(identity);
        all.put("batch_size", (long) batchSize);
        // The number of epochs sets the schedule's length (warm-up and cosine decay run over all steps).
        all.put("epochs", (long) epochs);
        all.put("seed", seed);
        identity = java.util.Collections.unmodifiableMap(all);
    }

    /** These settings with the architecture's own learning-rate schedule in place of the shared step schedule. */
    public TrainSettings withSchedule(LearningRateSchedule other) {
        return new TrainSettings(out, epochs, batchSize, seed, checkpointEvery, other, identity);
    }
}
