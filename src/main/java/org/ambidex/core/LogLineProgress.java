package org.ambidex.core;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as periodic log lines ({@code task: 120/1000 (12.0%), 35.2/s, ETA 0:00:25}), for stderr that is
 * not a terminal (CI logs, redirected output). A line is written at most once per interval, and once at the
 * end when every unit is done. A task closed before its end (it failed, or was stopped on purpose) writes no
 * closing line: the failure's one line on stderr must not follow a "done" line that is not true.
 */
final class LogLineProgress extends CountingProgress {
    private final String task;
    private final long total;
    private final PrintStream out;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long startNanos;
    private long lastLineNanos;
    private boolean closed;

    LogLineProgress(String task, long total, PrintStream out, Duration interval, LongSupplier clock) {
        this.task = task;
        this.total = total;
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastLineNanos = startNanos;
    }

    @Override
    public synchronized void stepBy(long units) {
        super.stepBy(units);
        long now = clock.getAsLong();
        if (now - lastLineNanos >= intervalNanos) {
            lastLineNanos = now;
            out.println(line(now, false));
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (total <= 0 || done() >= total) {
                out.println(line(clock.getAsLong(), true));
            }
        }
    }

    String line(long now, boolean finished) {
        long count = done();
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = count / seconds;
        StringBuilder text = new StringBuilder(task).append(": ").append(count);
        if (total > 0) {
            text.append('/').append(total)
                .append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * count / total));
        }
        text.append(String.format(Locale.ROOT, ", %.1f/s", rate));
        if (finished) {
            text.append(", done in ").append(clock(seconds));
        } else if (total > 0 && rate > 0) {
            text.append(", ETA ").append(clock((total - count) / rate));
        }
        String status = currentStatus();
        if (!status.isEmpty()) {
            text.append(", ").append(status);
        }
        return text.toString();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
