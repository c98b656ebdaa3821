package org.ambidex.cli;

/**
 * One architecture {@code ambidex train --arch NAME} can train. The command parses the shared options (data,
 * schedule, batch size, seed, checkpoints, export) and hands itself to the architecture, which reads the options
 * it understands, builds its {@link org.ambidex.train.TrainingTask} and runs the shared
 * {@link org.ambidex.train.TrainLoop}.
 */
interface TrainArchitecture {

    /** The {@code --arch} value. */
    String name();

    /**
     * Trains with the options of {@code command}; throws {@link org.ambidex.core.BadInputException} for options
     * this architecture cannot use.
     *
     * @return the exit status
     */
    int train(TrainCommand command);
}
