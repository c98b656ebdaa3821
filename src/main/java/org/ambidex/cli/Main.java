package org.ambidex.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import org.ambidex.core.BadInputException;
import org.ambidex.core.ExitStatus;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of the {@code ambidex} command. Parses the command line with picocli and applies the exit
 * status convention: 0 success, 2 bad input or usage (one line on stderr), 1 internal failure. Stack traces
 * appear only under {@code --debug}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns its exit status. Output and errors go to the given streams. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        Logging.configure(debug);
        // DJL must never reach for the network: the native library comes from the classpath.
        System.setProperty("ai.djl.offline", "true");
        return execute(commandLine(out, err, debug), args, err, debug);
    }

    /**
     * Executes {@code args} on {@code cli}. picocli hands only {@link Exception}s to the execution handler; an
     * {@link Error} (out of memory, a stack overflow) escapes it, so it is reported here, in the same one line.
     */
    static int execute(CommandLine cli, String[] args, PrintStream err, boolean debug) {
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            return report(e, err, debug);
        }
    }

    /** The configured command tree, with the error conventions installed; also used by tests. */
    static CommandLine commandLine(PrintStream out, PrintStream err, boolean debug) {
        CommandLine cli = new CommandLine(new AmbidexCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpAutoWidth(true);
        cli.setParameterExceptionHandler((ParameterException e, String[] ignored) -> {
            CommandLine failed = e.getCommandLine();
            err.println("ambidex: " + oneLine(e.getMessage()) + " (see '" + failed.getCommandSpec().qualifiedName()
                + " --help')");
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitStatus.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((Exception e, CommandLine failed, ParseResult parsed) -> report(e, err, debug));
        return cli;
    }

    /** Prints the one-line report for a failure and returns its exit status. */
    static int report(Throwable failure, PrintStream err, boolean debug) {
        BadInputException bad = findBadInput(failure);
        int status;
        if (bad != null) {
            err.println("ambidex: " + oneLine(bad.getMessage()));
            status = ExitStatus.BAD_INPUT;
        } else if (failure instanceof OutOfMemoryError) {
            err.println("ambidex: out of memory (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB heap); raise"
                + " the heap with AMBIDEX_JAVA_OPTS=-Xmx...");
            status = ExitStatus.INTERNAL_FAILURE;
        } else if (failure instanceof StackOverflowError) {
            err.println("ambidex: internal error: the input nests too deeply for the stack"
                + (debug ? "" : " (run with --debug for the stack trace)"));
            status = ExitStatus.INTERNAL_FAILURE;
        } else {
            String message = failure.getMessage();
            err.println("ambidex: internal error: " + failure.getClass().getSimpleName()
                + (message == null ? "" : ": " + oneLine(message))
                + (debug ? "" : " (run with --debug for the stack trace)"));
            status = ExitStatus.INTERNAL_FAILURE;
        }
        if (debug) {
            failure.printStackTrace(err);
        }
        return status;
    }

    private static BadInputException findBadInput(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BadInputException bad) {
                return bad;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
