package org.ambidex.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ambidex.hand.open.OpenHandGenerator;
import org.ambidex.hand.open.OpenHandModelData;
import org.ambidex.io.numpy.Npz;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ambidex handmodel}: ambidex's own MANO-compatible hand model (docs/HAND_MODEL.md). */
@Command(name = "handmodel", mixinStandardHelpOptions = true,
    description = "Build ambidex's own MANO-compatible hand model (the open model).",
    subcommands = {HandModelCommand.Build.class})
final class HandModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a sub-command is required (build)");
    }

    /** {@code ambidex handmodel build --out FILE --seed S}. */
    @Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Generate the right open hand model as a MANO-format .npz (format ambidex.handmodel/1, metres).",
            "The same seed and ambidex version give the same file byte for byte. The model shipped with ambidex is "
                + "built with the default seed."})
    static final class Build implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output .npz file.")
        Path out;

        @Option(names = "--seed", paramLabel = "S", description = "Seed of the shape and pose sampling (default: ${DEFAULT-VALUE}).")
        long seed = OpenHandGenerator.DEFAULT_SEED;

        @Option(names = "--side", paramLabel = "right|left",
            description = "Which hand to write: right (the shipped model) or left (its mirror image), default: ${DEFAULT-VALUE}.")
        String side = "right";

        @Override
        public Integer call() {
            if (!out.getFileName().toString().endsWith(".npz")) {
                throw new ParameterException(spec.commandLine(), "--out must name a .npz file, got " + out);
            }
            boolean left = switch (side.strip().toLowerCase(Locale.ROOT)) {
                case "right" -> false;
                case "left" -> true;
                default -> throw new ParameterException(spec.commandLine(), "--side must be right or left, got " + side);
            };
            OpenHandModelData model = OpenHandGenerator.generate(seed);
            if (left) {
                model = model.mirrored(OpenHandGenerator.leftMeta(model.metaJson()));
            }
            Npz.write(out, model.toArrays(), true);
            PrintWriter w = spec.commandLine().getOut();
            w.printf(Locale.ROOT, "wrote %s: open hand model %s (%s), %d vertices, %d triangles, seed %d%n", out,
                OpenHandGenerator.VERSION, left ? "left" : "right", model.vertexCount(), model.faceCount(), seed);
            w.flush();
            return 0;
        }
    }
}
