package org.ambidex.core;

/**
 * Progress of one long task (a dataset pass, a training run, a batch of images).
 *
 * <p>Create one with {@link #start(String, long)}; call {@link #step()} as units finish; close it at the
 * end. Where it goes is decided once per process by {@link ProgressMode}: a bar on stderr when stderr is
 * a terminal, periodic log lines on stderr otherwise, or nothing. stdout is never touched, so it stays
 * clean for machine-readable output.
 */
public interface Progress extends AutoCloseable {

    /** One more unit is done. */
    default void step() {
        stepBy(1);
    }

    /** {@code units} more units are done. */
    void stepBy(long units);

    /** A short status shown beside the counts (a loss value, the current file); may be empty. */
    void status(String text);

    /** Units done so far. */
    long done();

    /** Ends the report (the bar is completed, a final log line is written). Idempotent. */
    @Override
    void close();

    /**
     * Starts reporting a task of {@code total} units ({@code total <= 0} when unknown), in the process-wide
     * mode.
     */
    static Progress start(String task, long total) {
        return ProgressMode.current().start(task, total);
    }

    /** A report that shows nothing but still counts; for library callers and tests. */
    static Progress silent() {
        return new CountingProgress();
    }
}
