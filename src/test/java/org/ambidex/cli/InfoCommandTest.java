package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfoCommandTest {

    @Test
    void reportsThePyTorchEngineOnCpuOffline() {
        CliRun run = CliRun.of("info");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
            .containsPattern("engine\\s+PyTorch 2\\.5\\.1")
            .containsPattern("device\\s+CPU")
            .containsPattern("offline\\s+true")
            .containsPattern("cores\\s+\\d+")
            .containsPattern("threads\\s+intra-op \\d+, inter-op \\d+");
    }
}
