package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;
import org.ambidex.core.ExitStatus;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ExitStatusConventionTest {

    @Test
    void unknownRootOptionIsUsageErrorOnOneLine() {
        CliRun run = CliRun.of("--no-such-option");
        assertThat(run.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("--no-such-option").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownSubCommandOptionIsUsageErrorOnOneLine() {
        CliRun run = CliRun.of("info", "--bogus");
        assertThat(run.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("--bogus").contains("ambidex info --help").doesNotContain("\tat ");
    }

    @Test
    void debugShowsTheStackTrace() {
        // Through the command tree, not Main.run, so the test does not switch the JVM's logging to debug.
        CliRun run = runWithTestCommands(true, "info", "--bogus", "--debug");
        assertThat(run.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err()).contains("--bogus").contains("\tat picocli.");
    }

    @Test
    void missingSubCommandIsUsageError() {
        CliRun run = CliRun.of();
        assertThat(run.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.errLines()).isEqualTo(1);
    }

    @Test
    void helpAndVersionSucceed() {
        assertThat(CliRun.of("--help").status()).isZero();
        CliRun version = CliRun.of("--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).contains("ambidex ").contains("DJL 0.32.0").contains("PyTorch 2.5.1");
    }

    @Command(name = "bad")
    static final class BadInputCommand implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("wrapped",
                new BadInputException(Path.of("hand.pkl"), "truncated pickle; expected a STOP opcode"));
        }
    }

    @Command(name = "broken")
    static final class BrokenCommand implements Runnable {
        @Override
        public void run() {
            throw new NullPointerException("something internal\nspanning lines");
        }
    }

    private static CliRun runWithTestCommands(boolean debug, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CommandLine cli = Main.commandLine(o, e, debug);
            cli.addSubcommand(new BadInputCommand());
            cli.addSubcommand(new BrokenCommand());
            cli.addSubcommand(new ExhaustedCommand());
            status = Main.execute(cli, args, e, debug);
        }
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badInputAnywhereInTheCauseChainExitsTwoNamingTheFile() {
        CliRun run = runWithTestCommands(false, "bad");
        assertThat(run.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("ambidex: hand.pkl: truncated pickle; expected a STOP opcode");
    }

    @Command(name = "exhausted")
    static final class ExhaustedCommand implements Runnable {
        @Override
        public void run() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void runningOutOfMemoryExitsOneOnOneLineNamingTheHeap() {
        CliRun run = runWithTestCommands(false, "exhausted");
        assertThat(run.status()).isEqualTo(ExitStatus.INTERNAL_FAILURE);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).startsWith("ambidex: out of memory (").contains("MB heap").contains("-Xmx")
            .doesNotContain("\tat ");
    }

    @Test
    void internalFailureExitsOneOnOneLineWithoutTrace() {
        CliRun run = runWithTestCommands(false, "broken");
        assertThat(run.status()).isEqualTo(ExitStatus.INTERNAL_FAILURE);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("internal error").contains("NullPointerException")
            .contains("something internal spanning lines").doesNotContain("\tat ");
    }

    @Test
    void internalFailureUnderDebugShowsTrace() {
        CliRun run = runWithTestCommands(true, "broken");
        assertThat(run.status()).isEqualTo(ExitStatus.INTERNAL_FAILURE);
        assertThat(run.err()).contains("\tat org.ambidex.cli.ExitStatusConventionTest$BrokenCommand.run");
    }
}
