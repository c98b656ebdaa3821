package org.ambidex.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.ambidex.core.BadInputException;
import org.ambidex.core.Leftovers;
import org.ambidex.core.Progress;

/**
 * The training loop every architecture shares: steps in the seeded {@link DataOrder}, the learning rate from the
 * schedule, a checkpoint every {@code checkpointEvery} steps and at the end of every epoch (written atomically, so
 * an interrupted run leaves the previous one intact), validation at the end of every epoch, and a progress bar
 * with the loss, the throughput and the time left.
 *
 * <p>A run folder that already holds {@link #CHECKPOINT} is resumed: network, optimizer state and step are
 * restored, and since the data order and each sample's augmentation follow from the seed and the step, the run
 * continues with exactly the batches it would have seen. The settings recorded in the checkpoint must match.
 */
public final class TrainLoop {

    /** The resumable checkpoint in the run folder. */
    public static final String CHECKPOINT = "checkpoint.pth.tar";

    private TrainLoop() {
    }

    /**
     * The summary of one epoch.
     *
     * @param epoch the epoch (from 0)
     * @param step global steps after it
     * @param meanLoss mean total loss over the {@code lossSteps} steps this process ran of it (NaN when none)
     * @param lossSteps the steps the mean is over: fewer than {@code epochSteps} when the run resumed inside it
     * @param epochSteps the steps of an epoch
     * @param lr the learning rate of its last step
     * @param validation headline validation metrics (empty without a validation set)
     */
    public record EpochSummary(int epoch, long step, double meanLoss, long lossSteps, long epochSteps, double lr,
                               Map<String, Double> validation) {

        /** One line for the log. */
        public String describe() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "epoch %d: step %d, ", epoch, step));
            if (lossSteps == 0) {
                // The steps ran in a process that was killed before validating; their losses died with it.
                b.append("mean loss not known (validated after a resume)");
            } else {
                b.append(String.format(Locale.ROOT, "mean loss %.6g", meanLoss));
                if (lossSteps < epochSteps) {
                    b.append(String.format(Locale.ROOT, " (over its last %d of %d steps, after a resume)", lossSteps,
                        epochSteps));
                }
            }
            b.append(String.format(Locale.ROOT, ", lr %.3g", lr));
            validation.forEach((k, v) -> b.append(String.format(Locale.ROOT, ", %s %.4g", k, v)));
            return b.toString();
        }
    }

    /**
     * The outcome.
     *
     * @param resumedFrom the step the run started from (0 for a fresh run)
     * @param step steps done at the end
     * @param totalSteps steps of the whole run ({@code epochs * stepsPerEpoch})
     * @param epochs every epoch ended so far, in order: those of earlier (resumed or finished) runs of the folder
     *     as recorded in their validation folders, then those that ended in this run
     * @param lastLoss the loss of the last step (NaN when no step ran)
     */
    public record Result(long resumedFrom, long step, long totalSteps, List<EpochSummary> epochs, double lastLoss) {

        public boolean finished() {
            return step == totalSteps;
        }
    }

    /**
     * Trains {@code task} until {@code settings.epochs()} are done or {@code stopAfter} steps have been taken in
     * total ({@code stopAfter < 0}: no limit; a limit is for interrupting a run on purpose, as tests do).
     *
     * @param log receives a line per epoch, checkpoint resumption and similar events
     */
    public static Result run(TrainingTask task, TrainSettings settings, long stopAfter, Consumer<String> log) {
        DataOrder order = new DataOrder(settings.seed(), task.trainSize(), settings.batchSize());
        long perEpoch = order.stepsPerEpoch();
        long total = perEpoch * settings.epochs();
        Path folder = settings.out();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BadInputException(folder, "cannot create the run folder: " + e.getMessage(), e);
        }
        Path checkpoint = folder.resolve(CHECKPOINT);
        long start = 0;
        if (Files.exists(checkpoint)) {
            TrainingCheckpoint.Loaded saved = TrainingCheckpoint.read(checkpoint, task.arch());
            saved.requireSettings(checkpoint, settings.identity());
            task.restore(saved);
            start = saved.step();
            log.accept("resuming from step " + start + " of " + total + " (" + checkpoint + ")");
        }
        Leftovers.sweep(folder);
        long end = stopAfter < 0 ? total : Math.min(total, stopAfter);
        List<EpochSummary> epochs = earlierEpochs(task, settings, start, perEpoch, log);
        double lossSum = 0;
        long lossCount = 0;
        double last = Double.NaN;
        double lr = Double.NaN;
        long step = start;
        long timed = 0;
        long began = System.nanoTime();
        try (Progress progress = Progress.start("training " + task.arch(), total)) {
            progress.stepBy(start);
            while (step < end) {
                int epoch = order.epochOf(step);
                int[] indices = order.batch(step);
                long[] seeds = new long[indices.length];
                for (int i = 0; i < indices.length; i++) {
                    seeds[i] = order.sampleSeed(epoch, indices[i]);
                }
                lr = settings.schedule().at(epoch, step);
                long skippedBefore = task.skippedUpdates();
                TrainingTask.StepLoss loss = task.step(indices, seeds, lr);
                if (task.skippedUpdates() > skippedBefore) {
                    log.accept("step " + step + ": update skipped, a gradient was NaN or infinite (loss "
                        + loss.total() + "); the weights are as before the step");
                }
                if (!Double.isFinite(loss.total())) {
                    throw new IllegalStateException("the loss became " + loss.total() + " at step " + step
                        + " (terms " + loss.terms() + "); lower the learning rate");
                }
                step++;
                timed++;
                last = loss.total();
                lossSum += last;
                lossCount++;
                progress.step();
                double seconds = (System.nanoTime() - began) / 1e9;
                double rate = timed * settings.batchSize() / Math.max(seconds, 1e-9);
                progress.status(String.format(Locale.ROOT, "epoch %d loss %.5g %.2f img/s ETA %s", epoch, last, rate,
                    eta((end - step) * settings.batchSize() / rate)));
                boolean epochEnd = step % perEpoch == 0;
                if (epochEnd || settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0
                    || step == end) {
                    task.checkpoint(step, Math.toIntExact(step / perEpoch), lr, settings.identity(), true)
                        .write(checkpoint);
                }
                if (epochEnd) {
                    Map<String, Double> metrics = task.validate(epoch, folder.resolve("val").resolve("epoch_"
                        + epoch));
                    EpochSummary summary = new EpochSummary(epoch, step,
                        lossCount > 0 ? lossSum / lossCount : Double.NaN, lossCount, perEpoch, lr,
                        new LinkedHashMap<>(metrics));
                    EpochRecord.write(folder, summary);
                    epochs.add(summary);
                    log.accept(summary.describe());
                    lossSum = 0;
                    lossCount = 0;
                }
            }
        }
        return new Result(start, step, total, epochs, last);
    }

    /**
     * The epochs an earlier run of the folder completed, from their records. The last one lacks its record when that
     * run was killed after its checkpoint but before its validation ended: it is validated now, so no epoch's
     * report is lost.
     */
    private static List<EpochSummary> earlierEpochs(TrainingTask task, TrainSettings settings, long start,
                                                    long perEpoch, Consumer<String> log) {
        Path folder = settings.out();
        List<EpochSummary> epochs = new ArrayList<>();
        int completed = Math.toIntExact(start / perEpoch);
        for (int epoch = 0; epoch < completed; epoch++) {
            EpochRecord.read(folder, epoch).ifPresent(epochs::add);
        }
        int last = completed - 1;
        if (last >= 0 && EpochRecord.read(folder, last).isEmpty()) {
            Map<String, Double> metrics = task.validate(last, folder.resolve("val").resolve("epoch_" + last));
            long step = (long) completed * perEpoch;
            EpochSummary summary = new EpochSummary(last, step, Double.NaN, 0, perEpoch,
                settings.schedule().at(last, step - 1), new LinkedHashMap<>(metrics));
            EpochRecord.write(folder, summary);
            epochs.add(summary);
            log.accept(summary.describe());
        }
        return epochs;
    }

    private static String eta(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
