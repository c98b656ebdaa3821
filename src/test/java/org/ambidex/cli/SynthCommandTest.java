package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {

    private static String manoFolder() {
        try {
            return Path.of(SynthCommandTest.class.getResource("/fixtures/mano-format/MANO_RIGHT.pkl").toURI()).getParent()
                .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void writesADatasetThatDatasetCommandsRead(@TempDir Path dir) {
        Path out = dir.resolve("synth");
        CliRun run = CliRun.of("--quiet", "synth", "--out", out.toString(), "--frames", "2", "--cameras", "1",
            "--seed", "4", "--hand-model", manoFolder());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 images (train 2, val 0, test 0)");
        CliRun stats = CliRun.of("dataset", "stats", "--data", out.toString());
        assertThat(stats.status()).as(stats.err()).isZero();
        assertThat(stats.out()).containsPattern("train\\s+\\d+\\s+\\d+\\s+\\d+\\s+2");
        CliRun again = CliRun.of("synth", "--out", out.toString(), "--frames", "1", "--hand-model", manoFolder());
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a dataset");
    }

    @Test
    void badHandModelIsOneLine(@TempDir Path dir) {
        CliRun run = CliRun.of("synth", "--out", dir.resolve("o").toString(), "--frames", "1", "--hand-model",
            dir.resolve("missing").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("expected 'open' or a folder holding MANO_RIGHT and MANO_LEFT");
        assertThat(Files.exists(dir.resolve("o"))).isFalse();
        CliRun zero = CliRun.of("synth", "--out", dir.resolve("o").toString(), "--frames", "0");
        assertThat(zero.status()).isEqualTo(2);
    }
}
