package org.ambidex.cli;

import org.ambidex.core.ProgressMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code ambidex} command: global options and the list of sub-commands. */
@Command(
    name = "ambidex",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "3D pose and shape of one or two interacting hands from a single RGB image.",
    subcommands = {
        InfoCommand.class,
        ModelsCommand.class,
        InspectCommand.class,
        PoseCommand.class,
        RenderCommand.class,
        DatasetCommand.class,
        SynthCommand.class,
        EvalCommand.class,
        DemoCommand.class,
        ReconstructCommand.class,
        PredictCommand.class,
        KeypointsCommand.class,
        HandModelCommand.class,
        TrainCommand.class,
        ExportCommand.class,
    },
    usageHelpAutoWidth = true,
    footer = {"", "Exit status: 0 success, 2 bad input or usage, 1 internal failure."})
public final class AmbidexCommand implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
        description = "Show debug logging and stack traces of failures.")
    boolean debug;

    @Option(names = "--quiet", scope = ScopeType.INHERIT,
        description = "Show no progress bars or progress log lines.")
    void quiet(boolean quiet) {
        if (quiet) {
            ProgressMode.set(ProgressMode.OFF);
        }
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a sub-command is required");
    }
}
