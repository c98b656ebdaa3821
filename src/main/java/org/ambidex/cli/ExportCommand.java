package org.ambidex.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.InterNetModel;
import org.ambidex.train.TrainingCheckpoint;
import org.ambidex.train.internet.InterNetTrainingTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ambidex export}: a training checkpoint of {@code ambidex train} as the PyTorch snapshot the reference code
 * loads ({@code {'epoch', 'network'}} with {@code module.} keys; SEED_SPEC B.6).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write the weights of an ambidex training checkpoint as a PyTorch snapshot.",
        "The result is a torch.save zip file {'epoch', 'network'[, 'optimizer']} with 'module.' keys, as the"
            + " published InterNet snapshots, loadable by torch.load and by ambidex reconstruct."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A run's checkpoint.pth.tar.")
    Path checkpoint;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.pth.tar",
        description = "The snapshot to write.")
    Path out;

    @Option(names = "--with-optimizer", description = "Keep the Adam state (torch.optim.Adam layout).")
    boolean withOptimizer;

    @Override
    public Integer call() {
        StateDict root = Checkpoints.read(checkpoint);
        TrainingCheckpoint.Loaded loaded = TrainingCheckpoint.read(checkpoint, null, root);
        if (InterNetTrainingTask.ARCH.equals(loaded.arch())) {
            // Proves the weights form a whole InterNet (names and shapes) before anything is written.
            InterNetModel.fromCheckpoint(checkpoint).close();
        }
        Map<String, NdArray> network = new LinkedHashMap<>(loaded.network().tensors());
        Map<String, Object> optimizer = withOptimizer && loaded.optimizer() != null
            ? loaded.optimizer().entries() : Map.of();
        new TrainingCheckpoint(loaded.arch(), loaded.step(), Math.toIntExact(loaded.lastEpoch() + 1), network,
            optimizer, Map.of()).writeSnapshot(out);
        spec.commandLine().getOut().println("wrote " + out + " (" + loaded.arch() + ", epoch " + loaded.lastEpoch()
            + ", " + network.size() + " tensors)");
        return 0;
    }
}
