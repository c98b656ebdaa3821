package org.ambidex.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ambidex.core.BadInputException;
import org.ambidex.pipeline.Architecture;
import org.ambidex.pipeline.Architectures;
import org.ambidex.pipeline.TrainOptions;
import org.ambidex.pipeline.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ambidex train --arch NAME}: trains a network on InterHand2.6M-format data into a run folder that can be
 * resumed. This class only parses the options into {@link TrainOptions}; the architecture's {@link Trainer} (from
 * the registry, {@link Architectures}) reads the ones it understands and supplies the defaults of its reference
 * (InterNet: SEED_SPEC B.5).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train a network on InterHand2.6M-format data.",
        "Writes --out/checkpoint.pth.tar (every --checkpoint-every steps and at each epoch's end; an existing one is"
            + " resumed exactly) and --out/val/epoch_N/report.json (interhand protocol) after each epoch."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", required = true, paramLabel = "NAME",
        description = "Architecture: twohand (the default two-hand mesh network), internet (InterNet, SEED_SPEC B), dir (DIR),"
            + " intaghand (IntagHand);"
            + " s2hand (S2HAND's stages, --stage, on a FreiHAND folder); zhang (Zhang et al. v2);"
            + " 'ambidex models' lists them.")
    String arch;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Run folder (checkpoint, validation reports). A folder holding a checkpoint is resumed.")
    Path out;

    @Option(names = "--train-split", paramLabel = "S", defaultValue = "train",
        description = "Split to train on (default: ${DEFAULT-VALUE}).")
    String trainSplit;

    @Option(names = "--val-split", paramLabel = "S", defaultValue = "val",
        description = "Split evaluated after each epoch, or 'none' (default: ${DEFAULT-VALUE}).")
    String valSplit;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (InterNet: 20).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Samples per step (InterNet: 16).")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "LR", description = "Initial learning rate (InterNet: 1e-4).")
    Double lr;

    @Option(names = "--lr-decay-epochs", paramLabel = "E", split = ",",
        description = "Epochs at which the learning rate is divided by --lr-decay-factor (InterNet: 15,17).")
    List<Integer> lrDecayEpochs;

    @Option(names = "--lr-decay-factor", paramLabel = "F", description = "Learning-rate divisor (InterNet: 10).")
    Double lrDecayFactor;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
        description = "Seed of initialisation, data order and augmentation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "1000",
        description = "Steps between checkpoints, 0 for epoch ends only (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--max-train-samples", paramLabel = "N", defaultValue = "0",
        description = "Train on the first N samples of the split only (0: all).")
    int maxTrainSamples;

    @Option(names = "--max-val-samples", paramLabel = "N", defaultValue = "0",
        description = "Validate on N samples spread evenly over the split only (0: all; s2hand: hold out the"
            + " training split's last N images).")
    int maxValSamples;

    @Option(names = "--stop-after-steps", paramLabel = "N",
        description = "Stop (after checkpointing) once N steps are done in total; run again to resume.")
    Long stopAfterSteps;

    @Option(names = "--export", paramLabel = "FILE.pth.tar",
        description = "When training ends, also write the weights as a PyTorch snapshot {'epoch', 'network'} with"
            + " the 'module.' prefix (torch.load-able; the layout of the published InterNet snapshots).")
    Path export;

    @Option(names = "--keypoints", paramLabel = "FILE.json",
        description = "s2hand: the images' 2-D keypoints and confidences, as written by ambidex keypoints --data DIR"
            + " --out FILE.json.")
    Path keypoints;

    @Option(names = "--graphs", paramLabel = "DIR",
        description = "intaghand: the folder of IntagHand's graph_left.pkl and graph_right.pkl (its misc folder).")
    Path graphs;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for the network (default: PyTorch's).")
    Integer threads;

    // InterNet's own options.

    @Option(names = "--resnet", paramLabel = "DEPTH", defaultValue = "50",
        description = "internet: backbone depth 18, 34, 50, 101 or 152 (default: ${DEFAULT-VALUE}).")
    int resnetDepth;

    @Option(names = "--backbone-weights", paramLabel = "FILE",
        description = "internet: torchvision ImageNet ResNet weights for the backbone (e.g. resnet50-19c8e357.pth;"
            + " fc.* is ignored), as the reference starts. Without it the backbone starts from N(0, 0.001). zhang: the"
            + " same file for the mesh branch's ResNet (required). intaghand: the same file for its ResNet-50 encoder.")
    Path backboneWeights;

    @Option(names = "--init", paramLabel = "FILE",
        description = "Start from these weights (fine-tuning): internet, an InterNet snapshot; twohand, a twohand model "
            + "file of the same configuration; s2hand, a texturehand_*.t7; intaghand, a checkpoint or misc"
            + " folder; zhang, the InterNet snapshot it starts from (required).")
    Path init;

    @Option(names = "--no-augment", description = "Train without the reference's augmentation.")
    boolean noAugment;

    @Option(names = "--resnet-width", paramLabel = "N", defaultValue = "64",
        description = "internet: backbone stem width (default: ${DEFAULT-VALUE}; smaller for quick experiments).")
    int resnetWidth;

    @Option(names = "--head-channels", paramLabel = "N", defaultValue = "256",
        description = "internet: deconvolution channels (default: ${DEFAULT-VALUE}).")
    int headChannels;

    @Option(names = "--head-units", paramLabel = "N", defaultValue = "512",
        description = "internet: hidden units of the root and hand-type heads (default: ${DEFAULT-VALUE}).")
    int headUnits;

    // The two-hand network's own options.

    @Option(names = "--input-size", paramLabel = "PX", defaultValue = "160",
        description = "twohand: side of the square input crop, a multiple of 32 (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--stages", paramLabel = "N", defaultValue = "3",
        description = "twohand: refinement stages after the initial regression (default: ${DEFAULT-VALUE}).")
    int stages;

    @Option(names = "--twohand-resnet", paramLabel = "DEPTH", defaultValue = "18",
        description = "twohand: backbone depth (default: ${DEFAULT-VALUE}).")
    int twohandResnet;

    @Option(names = "--twohand-width", paramLabel = "N", defaultValue = "24",
        description = "twohand: backbone stem width (default: ${DEFAULT-VALUE}; torchvision's is 64).")
    int twohandWidth;

    @Option(names = "--hand-model", paramLabel = "SPEC", defaultValue = "open",
        description = "twohand, dir, intaghand, zhang: hand model of the data, 'open' or a MANO folder (dir, intaghand,"
            + " zhang: MANO) (default: ${DEFAULT-VALUE}).")
    String handModel;

    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "1e-4",
        description = "twohand: AdamW weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--warmup-steps", paramLabel = "N", defaultValue = "200",
        description = "twohand: steps of linear learning-rate warm-up (default: ${DEFAULT-VALUE}).")
    int warmupSteps;

    @Option(names = "--stage", paramLabel = "NAME",
        description = "s2hand: the reference's training stage, keypoints (default), shape, kp, finetune or e2e: its"
            + " terms and its schedule (docs/MODELS.md).")
    String stage;

    @Override
    public Integer call() {
        Architecture a = Architectures.named(arch).orElse(null);
        Trainer trainer = a == null ? null : a.trainer().orElse(null);
        if (trainer == null) {
            throw new BadInputException("--arch: '" + arch + "' is not an architecture ambidex can train; expected one"
                + " of " + String.join(", ", Architectures.trainable().stream().map(Architecture::name).toList()));
        }
        ModelOption.threads(threads);
        TrainOptions options = new TrainOptions(a.name(), dataset.data, dataset.filter(trainSplit),
            "none".equals(valSplit) ? null : dataset.filter(valSplit), out, epochs, batchSize, lr, lrDecayEpochs,
            lrDecayFactor, seed, checkpointEvery, maxTrainSamples, maxValSamples, stopAfterSteps, export, init,
            !noAugment, backboneWeights,
            new TrainOptions.InterNetOptions(resnetDepth, resnetWidth, headChannels, headUnits),
            new TrainOptions.TwoHandOptions(inputSize, stages, twohandResnet, twohandWidth, handModel, weightDecay,
                warmupSteps), keypoints, graphs, stage);
        trainer.train(options, spec.commandLine().getErr(), spec.commandLine().getOut());
        return 0;
    }
}
