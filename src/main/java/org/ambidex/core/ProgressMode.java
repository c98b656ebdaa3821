package org.ambidex.core;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Where progress goes, chosen once per process: {@link #BAR} when stderr is a terminal, {@link #LOG} when it
 * is not, {@link #OFF} when asked to be quiet. The launcher tells whether stderr is a terminal through the
 * system property {@code ambidex.stderr.tty}, since the JDK cannot test stderr alone.
 */
public enum ProgressMode {
    /** A live bar on stderr. */
    BAR,
    /** One log line on stderr every {@link #LOG_INTERVAL}, and one at the end. */
    LOG,
    /** Nothing shown. */
    OFF;

    /** How often {@link #LOG} writes a line. */
    public static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private static volatile ProgressMode current = detect();

    /** The process-wide mode. */
    public static ProgressMode current() {
        return current;
    }

    /** Sets the process-wide mode (the CLI does, from {@code --quiet} or {@code --progress}). */
    public static void set(ProgressMode mode) {
        current = mode;
    }

    /** The mode that fits this process's stderr. */
    public static ProgressMode detect() {
        String tty = System.getProperty("ambidex.stderr.tty");
        boolean terminal = tty != null ? Boolean.parseBoolean(tty) : System.console() != null;
        return terminal ? BAR : LOG;
    }

    Progress start(String task, long total) {
        PrintStream err = System.err;
        return switch (this) {
            case BAR -> new BarProgress(task, total, err);
            case LOG -> new LogLineProgress(task, total, err, LOG_INTERVAL, System::nanoTime);
            case OFF -> new CountingProgress();
        };
    }
}
