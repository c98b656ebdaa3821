package org.ambidex.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.nets.InterNetConfig;
import org.ambidex.nets.InterNetModel;
import org.ambidex.nets.WeightImport;
import org.ambidex.pipeline.InterNetValidation;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.ambidex.train.TrainingCheckpoint;
import org.ambidex.train.internet.InterNetTrainingTask;

/** {@code ambidex train --arch internet}: InterNet with the reference's losses, optimiser and schedule (B.5). */
final class InterNetTrainArchitecture implements TrainArchitecture {

    /** The reference's InterHand2.6M settings (main/config.py). */
    static final TrainCommand.Defaults DEFAULTS = new TrainCommand.Defaults(20, 16, 1e-4, List.of(15, 17), 10);

    @Override
    public String name() {
        return InterNetTrainingTask.ARCH;
    }

    @Override
    public int train(TrainCommand c) {
        InterNetConfig config;
        try {
            config = new InterNetConfig(c.resnetDepth, c.resnetWidth, 21, 64, c.headChannels, c.headUnits, 64);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("internet: " + e.getMessage());
        }
        if (c.backboneWeights != null && c.init != null) {
            throw new BadInputException("--backbone-weights and --init both give starting weights; use one");
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("network", config.toString());
        identity.put("augment", !c.noAugment);
        identity.put("start", c.init != null ? "init " + c.init.toAbsolutePath().normalize()
            : c.backboneWeights != null ? "backbone " + c.backboneWeights.toAbsolutePath().normalize() : "scratch");
        TrainSettings settings = c.settings(DEFAULTS, identity);
        PrintWriter log = c.log();
        try (InterHandDataset train = InterHandDataset.open(c.dataset.data, c.dataset.filter(c.trainSplit));
             InterHandDataset val = "none".equals(c.valSplit) ? null
                 : InterHandDataset.open(c.dataset.data, c.dataset.filter(c.valSplit))) {
            List<Sample> trainSamples = TrainCommand.samples(train, c.maxTrainSamples);
            if (trainSamples.size() < settings.batchSize()) {
                throw new BadInputException(c.dataset.data, "has " + trainSamples.size() + " training samples in"
                    + " split " + c.trainSplit + ", fewer than one batch of " + settings.batchSize());
            }
            InterNetValidation validation = val == null ? null
                : new InterNetValidation(TrainCommand.spread(val, c.maxValSamples), settings.batchSize());
            try (InterNetTrainingTask task = new InterNetTrainingTask(startingModel(c, config), trainSamples,
                !c.noAugment, validation)) {
                log.println("training " + config.describe() + " on " + trainSamples.size() + " samples ("
                    + c.trainSplit + "), " + settings.epochs() + " epochs of " + trainSamples.size()
                    / settings.batchSize() + " steps, batch " + settings.batchSize());
                log.flush();
                TrainLoop.Result r = TrainLoop.run(task, settings, c.stopAfter(), line -> {
                    log.println(line);
                    log.flush();
                });
                if (r.finished() && c.export != null) {
                    long perEpoch = trainSamples.size() / settings.batchSize();
                    TrainingCheckpoint weights = task.checkpoint(r.step(), Math.toIntExact(r.step() / perEpoch),
                        Double.NaN, Map.of(), false);
                    weights.writeSnapshot(c.export);
                    log.println("wrote " + c.export);
                }
                c.spec.commandLine().getOut().println(r.finished() ? "finished: " + r.step() + " steps"
                    : "stopped at step " + r.step() + " of " + r.totalSteps() + "; run again to resume");
            }
        }
        return 0;
    }

    private static InterNetModel startingModel(TrainCommand c, InterNetConfig config) {
        InterNetModel model = InterNetModel.initialised(config, c.seed);
        try {
            if (c.backboneWeights != null) {
                WeightImport.load(model.network().resnet(), Checkpoints.read(c.backboneWeights).weights(),
                    "ResNet-" + config.resnetDepth(), name -> name.startsWith("fc."));
            } else if (c.init != null) {
                WeightImport.load(model.network(), InterNetModel.networkWeights(Checkpoints.read(c.init)),
                    config.describe(), name -> false);
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

}
