package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ambidex.hand.open.OpenHandGenerator;
import org.ambidex.io.numpy.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandModelCommandTest {

    @TempDir
    Path dir;

    @Test
    void buildWritesTheGeneratorsModelForTheSeed() throws Exception {
        Path out = dir.resolve("open.npz");
        CliRun run = CliRun.of("handmodel", "build", "--out", out.toString(), "--seed", "6");
        assertThat(run.status()).isEqualTo(0);
        assertThat(run.out()).contains("vertices").contains("seed 6");
        Path same = dir.resolve("same.npz");
        Npz.write(same, OpenHandGenerator.generate(6).toArrays(), true);
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(same));
    }

    @Test
    void refusesAnOutputThatIsNotNpz() {
        CliRun run = CliRun.of("handmodel", "build", "--out", dir.resolve("x.obj").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(".npz");
        assertThat(Files.exists(dir.resolve("x.obj"))).isFalse();
    }
}
