package org.ambidex.core;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress as a live bar on a terminal (stderr), with rate and ETA. */
final class BarProgress extends CountingProgress {
    private final ProgressBar bar;
    private boolean closed;

    BarProgress(String task, long total, PrintStream terminal) {
        this.bar = new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total > 0 ? total : -1)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
            .setConsumer(new ConsoleProgressBarConsumer(terminal))
            .showSpeed()
            .setUpdateIntervalMillis(200)
            .continuousUpdate()
            .build();
    }

    @Override
    public synchronized void stepBy(long units) {
        super.stepBy(units);
        bar.stepBy(units);
    }

    @Override
    public synchronized void status(String text) {
        super.status(text);
        bar.setExtraMessage(text == null ? "" : text);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            bar.close();
        }
    }
}
