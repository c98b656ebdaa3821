package org.ambidex.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ambidex.pipeline.Architecture;
import org.ambidex.pipeline.Architectures;
import org.ambidex.pipeline.HandModels;
import org.ambidex.pipeline.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ambidex models}: the architectures of the registry, with their inputs, files, defaults and training. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the model architectures (--model ARCH:PATH, train --arch ARCH) and hand models (--hand-model).")
final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Architecture byDefault = Architectures.defaultArchitecture();
        for (Architecture a : Architectures.all()) {
            o.println(a.name() + (a == byDefault && a.hasBuiltInModel() ? "  (the default: --model omitted means "
                + new ModelSpec(a, null) + ")" : ""));
            o.println("  " + a.summary());
            o.println("  input:   " + a.input());
            o.println("  --model: " + (a.takesFiles() ? a.name() + ":PATH, PATH " + a.modelFiles()
                + (a.hasBuiltInModel() ? "; or " + a.name() + " alone for the built-in weights" : "")
                : a.name() + " (built in; no files)"));
            o.println("  train:   " + a.trainer().map(t -> "train --arch " + a.name() + " (" + t.defaults().epochs()
                + " epochs, batch " + t.defaults().batchSize() + ", lr " + t.defaults().lr() + " by default); "
                + t.options()).orElse("not trainable by ambidex"));
            o.println();
        }
        o.println("hand models (--hand-model):");
        HandModels.CHOICES.forEach(c -> o.println("  " + c));
        o.flush();
        return 0;
    }
}
