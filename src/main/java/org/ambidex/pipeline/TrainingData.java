package org.ambidex.pipeline;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Sample;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.ambidex.train.TrainingTask;

/** The sample selections and messages every {@link Trainer} shares. */
final class TrainingData {

    private TrainingData() {
    }

    /** All of {@code all}, or its first {@code max} when {@code max} is positive. */
    static <T> List<T> first(List<T> all, int max) {
        return max > 0 && max < all.size() ? all.subList(0, max) : all;
    }

    /**
     * Up to {@code max} items spread evenly over {@code all} (every (size/max)-th, from the first), or all when
     * {@code max} is 0: a validation subset that mixes the split's captures and hand types as the whole does, which
     * its first N samples (one or two captures) do not.
     */
    static <T> List<T> spread(List<T> all, int max) {
        if (max <= 0 || max >= all.size()) {
            return all;
        }
        List<T> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(all.get((int) ((long) i * all.size() / max)));
        }
        return List.copyOf(out);
    }

    /** Refuses a training set smaller than one batch, naming the dataset. */
    static void requireOneBatch(TrainOptions o, List<Sample> samples, int batch) {
        if (samples.size() < batch) {
            throw new BadInputException(o.data(), "has " + samples.size() + " training samples in split "
                + o.trainFilter().split() + ", fewer than one batch of " + batch);
        }
    }

    /** Refuses {@code --keypoints} for an architecture that does not learn from a keypoint file. */
    static void refuseKeypoints(TrainOptions o) {
        if (o.keypoints() != null) {
            throw new BadInputException("--keypoints: " + o.arch() + " does not train from a keypoint file (s2hand"
                + " does)");
        }
    }

    /**
     * Says what is trained ({@code heading}) and runs the shared loop, each of its lines written to {@code log} at
     * once (a long run's progress must not wait in a buffer).
     */
    static TrainLoop.Result run(String heading, TrainingTask task, TrainSettings settings, TrainOptions o,
                                PrintWriter log) {
        log.println(heading);
        log.flush();
        return TrainLoop.run(task, settings, o.stopAfter(), line -> {
            log.println(line);
            log.flush();
        });
    }

    /** The run's last line on stdout: finished, or where it stopped. */
    static void reportEnd(TrainLoop.Result r, PrintWriter out) {
        out.println(r.finished() ? "finished: " + r.step() + " steps"
            : "stopped at step " + r.step() + " of " + r.totalSteps() + "; run again to resume");
        out.flush();
    }
}
