package org.ambidex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ambidex dataset}: look into InterHand2.6M-format datasets (real or synthetic). */
@Command(name = "dataset", mixinStandardHelpOptions = true,
    description = "Inspect an InterHand2.6M-format dataset: per-sample JSON lines, counts, ground truth drawn on images.",
    subcommands = {DatasetDumpCommand.class, DatasetStatsCommand.class, DatasetShowCommand.class})
final class DatasetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a sub-command is required (dump, stats, show)");
    }
}
