package org.ambidex.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogLineProgressTest {

    @Test
    void writesALineEachIntervalAndOneAtTheEnd() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LogLineProgress progress = new LogLineProgress("images", 100, out, Duration.ofSeconds(10), now::get);
        for (int i = 0; i < 50; i++) {
            now.addAndGet(100_000_000L); // 0.1 s per image
            progress.step();
        }
        // 5 s elapsed: no line yet
        assertThat(bytes.size()).isZero();
        for (int i = 0; i < 50; i++) {
            now.addAndGet(200_000_000L); // 0.2 s per image
            progress.step();
        }
        progress.status("loss 0.25");
        progress.close();
        progress.close();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        // the interval line fires at 10 s: 50 images in 5 s, then 25 more in 5 s
        assertThat(lines.get(0)).isEqualTo("images: 75/100 (75.0%), 7.5/s, ETA 0:00:03");
        assertThat(lines.get(1)).isEqualTo("images: 100/100 (100.0%), 6.7/s, done in 0:00:15, loss 0.25");
    }

    @Test
    void unknownTotalShowsCountAndRate() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogLineProgress progress = every10s("records", 0, bytes, now);
        progress.stepBy(40);
        now.set(4_000_000_000L);
        progress.close();
        assertThat(bytes.toString(StandardCharsets.UTF_8).strip()).isEqualTo("records: 40, 10.0/s, done in 0:00:04");
    }

    @Test
    void aTaskClosedBeforeItsEndWritesNoClosingLine() {
        // A failing command closes its progress on the way out; its error must be the only line after it.
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogLineProgress progress = every10s("images", 3, bytes, now);
        progress.step();
        now.set(1_000_000_000L);
        progress.close();
        assertThat(bytes.size()).isZero();
    }

    private static LogLineProgress every10s(String task, long total, ByteArrayOutputStream bytes, AtomicLong now) {
        return new LogLineProgress(task, total, new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Duration.ofSeconds(10), now::get);
    }

    @Test
    void silentProgressCounts() {
        try (Progress p = Progress.silent()) {
            p.stepBy(3);
            p.step();
            assertThat(p.done()).isEqualTo(4);
        }
    }
}
