package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.NativeLog;
import org.ambidex.nets.twohand.TwoHandModel;
import org.ambidex.pipeline.TwoHandModelFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch's native deprecation warning ({@code LegacyTypeDispatch.h ... AutoNonVariableTypeMode is deprecated},
 * printed by libtorch on the process's stderr when a network's weights are first written) reaches the terminal only
 * under {@code --debug}, and a program using the library sees it only when it asks. Each run is a fresh JVM, as the
 * warning is printed once per process and bypasses {@code System.err}.
 */
@Tag("slow")
class NativeWarningsTest {

    private static final String WARNING = "LegacyTypeDispatch";
    private static final Path IMAGE = Path.of("examples/images/train/Capture2/synth_single/cam410000/image5.jpg");

    @TempDir
    Path dir;

    @Test
    void theNativeWarningShowsOnlyUnderDebug() throws Exception {
        String quiet = reconstruct();
        assertThat(quiet).doesNotContain(WARNING).doesNotContain("] Warning:");
        assertThat(quiet.lines().filter(l -> !l.isBlank())).isEmpty();

        // The warning still comes under --debug: this run shows the quiet one above suppressed it, not missed it.
        assertThat(reconstruct("--debug")).contains(WARNING);
    }

    @Test
    void aProgramUsingTheLibraryIsSparedTooAndCanAskForTheWarnings() throws Exception {
        assertThat(run(LoadDefault.class)).doesNotContain(WARNING);
        assertThat(run(LoadDefault.class, "show")).contains(WARNING);
    }

    /** A program that loads the default two-hand model through the library, as a Java user would. */
    public static final class LoadDefault {
        public static void main(String[] args) {
            if (args.length > 0) {
                NativeLog.showWarnings(true);
            }
            HandModel right = HandModelLoader.resolve("open", HandSide.RIGHT, true);
            HandModel left = HandModelLoader.resolve("open", HandSide.LEFT, true);
            TwoHandModel.fromCheckpoint(TwoHandModelFiles.readDefault(), right, left).close();
        }
    }

    /**
     * Runs {@code ambidex --quiet reconstruct --model twohand IMAGE} in a new JVM (the two-hand network writes
     * weights into the engine, which is what draws the native warning); returns its stderr.
     */
    private String reconstruct(String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--quiet", "reconstruct", "--model", "twohand", IMAGE.toString(), "--no-images", "--out",
            dir.resolve("out").toString()));
        return run(Main.class, args.toArray(String[]::new));
    }

    /** Runs {@code main} of {@code program} in a new JVM on the tests' class path; returns its stderr. */
    private String run(Class<?> program, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Dai.djl.offline=true",
            "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), program.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile());
        builder.environment().remove("TORCH_CPP_LOG_LEVEL");
        Process p = builder.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("ambidex finished").isTrue();
        String err = Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isZero();
        return err;
    }
}
