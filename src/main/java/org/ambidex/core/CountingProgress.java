package org.ambidex.core;

import java.util.concurrent.atomic.AtomicLong;

/** A progress report that only counts; the base of the visible ones. Thread safe. */
class CountingProgress implements Progress {
    private final AtomicLong done = new AtomicLong();
    private volatile String status = "";

    @Override
    public void stepBy(long units) {
        done.addAndGet(units);
    }

    @Override
    public void status(String text) {
        status = text == null ? "" : text;
    }

    @Override
    public long done() {
        return done.get();
    }

    String currentStatus() {
        return status;
    }

    @Override
    public void close() {
    }
}
