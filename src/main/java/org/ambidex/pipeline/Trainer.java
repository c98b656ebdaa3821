package org.ambidex.pipeline;

import java.io.PrintWriter;

/**
 * How one architecture trains ({@code ambidex train --arch NAME}): it reads the options it understands from
 * {@link TrainOptions}, refuses those it cannot use, builds its {@link org.ambidex.train.TrainingTask} and runs the
 * shared {@link org.ambidex.train.TrainLoop}.
 */
public interface Trainer {

    /** Settings of its reference for the shared options left out (epochs, batch size, schedule). */
    TrainOptions.Defaults defaults();

    /** One line per architecture-specific option it reads, for {@code ambidex models}. */
    String options();

    /**
     * Trains.
     *
     * @param log progress and log lines (stderr)
     * @param out the final line (stdout): finished, or stopped with the step reached
     * @throws org.ambidex.core.BadInputException for options it cannot use or data it cannot train on
     */
    void train(TrainOptions options, PrintWriter log, PrintWriter out);
}
