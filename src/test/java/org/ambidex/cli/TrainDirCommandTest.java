package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --arch dir} refuses what it cannot train from, with one line and exit 2, writing nothing. */
class TrainDirCommandTest {

    @Test
    void withoutADirCheckpointOrWithANonManoHandModelItExitsTwo(@TempDir Path dir) {
        Path data = Path.of("examples").toAbsolutePath();
        CliRun noInit = CliRun.of("train", "--arch", "dir", "--data", data.toString(), "--out",
            dir.resolve("a").toString());
        assertThat(noInit.status()).isEqualTo(2);
        assertThat(noInit.err()).contains("--init DIR.pth");
        CliRun open = CliRun.of("train", "--arch", "dir", "--data", data.toString(), "--init",
            dir.resolve("DIR.pth").toString(), "--hand-model", "open", "--out", dir.resolve("b").toString());
        assertThat(open.status()).isEqualTo(2);
        assertThat(open.err()).contains("778-vertex MANO");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("b")).doesNotExist();
    }
}
