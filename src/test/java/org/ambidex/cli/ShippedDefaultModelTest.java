package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.twohand.TwoHandConfig;
import org.ambidex.nets.twohand.TwoHandModel;
import org.ambidex.io.torch.StateDict;
import org.ambidex.pipeline.TwoHandModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default two-hand model shipped in the repository: the default configuration trained on the open hand
 * model, and on the bundled examples it gives the accuracy docs/MODELS.md and the README state (so a change of
 * the weights, the network code or the examples that moves it is noticed).
 */
class ShippedDefaultModelTest {

    /** The `ambidex demo --model twohand` totals recorded in README.md and docs/MODELS.md. */
    private static final double DEMO_MPJPE_MM = 13.8;
    private static final double DEMO_HANDEDNESS_PCT = 100.0;

    @TempDir
    Path dir;

    @Test
    void isTheDefaultNetworkTrainedOnTheOpenHandModel() {
        assertThat(TwoHandModelFiles.hasDefault()).isTrue();
        StateDict file = TwoHandModelFiles.readDefault();
        assertThat(TwoHandModelFiles.handModel(file)).isEqualTo("open");
        try (TwoHandModel model = TwoHandModel.fromCheckpoint(file, HandModelLoader.resolve("open", HandSide.RIGHT, true),
            HandModelLoader.resolve("open", HandSide.LEFT, true))) {
            assertThat(model.config()).isEqualTo(TwoHandConfig.DEFAULT);
        }
    }

    @Test
    void theTwoHandDemoOnTheBundledExamplesReproducesTheRecordedAccuracy() {
        CliRun run = CliRun.of("--quiet", "demo", "--model", "twohand", "--examples", Path.of("examples").toString(),
            "--out", dir.resolve("out").toString(), "--threads", "2");
        assertThat(run.status()).as(run.err()).isZero();
        Matcher m = Pattern.compile("MPJPE ([0-9.]+) mm .*handedness ([0-9.]+)%").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(DEMO_MPJPE_MM, within(0.3));
        assertThat(Double.parseDouble(m.group(2))).isCloseTo(DEMO_HANDEDNESS_PCT, within(0.1));
        assertThat(dir.resolve("out").resolve("report.json")).exists();
    }
}
