package org.ambidex.pipeline;

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
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.ambidex.train.TrainingCheckpoint;
import org.ambidex.train.internet.InterNetTrainingTask;

/** {@code ambidex train --arch internet}: InterNet with the reference's losses, optimiser and schedule (B.5). */
final class InterNetTrainer implements Trainer {

    /** The reference's InterHand2.6M settings (main/config.py). */
    static final TrainOptions.Defaults DEFAULTS = new TrainOptions.Defaults(20, 16, 1e-4, List.of(15, 17), 10);

    @Override
    public TrainOptions.Defaults defaults() {
        return DEFAULTS;
    }

    @Override
    public String options() {
        return "--resnet, --resnet-width, --head-channels, --head-units, --backbone-weights, --init (an InterNet "
            + "snapshot), --export (a torch.load-able snapshot)";
    }

    @Override
    public void train(TrainOptions o, PrintWriter log, PrintWriter out) {
        TrainingData.refuseKeypoints(o);
        TrainOptions.InterNetOptions n = o.internet();
        InterNetConfig config;
        try {
            config = new InterNetConfig(n.resnetDepth(), n.resnetWidth(), 21, 64, n.headChannels(), n.headUnits(), 64);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("internet: " + e.getMessage());
        }
        if (o.backboneWeights() != null && o.init() != null) {
            throw new BadInputException("--backbone-weights and --init both give starting weights; use one");
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("network", config.toString());
        identity.put("augment", o.augment());
        identity.put("start", o.init() != null ? "init " + o.init().toAbsolutePath().normalize()
            : o.backboneWeights() != null ? "backbone " + o.backboneWeights().toAbsolutePath().normalize() : "scratch");
        TrainSettings settings = o.settings(DEFAULTS, identity);
        try (InterHandDataset train = InterHandDataset.open(o.data(), o.trainFilter());
             InterHandDataset val = o.valFilter() == null ? null : InterHandDataset.open(o.data(), o.valFilter())) {
            List<Sample> trainSamples = TrainingData.first(train.samples(), o.maxTrainSamples());
            TrainingData.requireOneBatch(o, trainSamples, settings.batchSize());
            InterNetValidation validation = val == null ? null
                : new InterNetValidation(TrainingData.spread(val.samples(), o.maxValSamples()), settings.batchSize());
            try (InterNetTrainingTask task = new InterNetTrainingTask(startingModel(o, config), trainSamples,
                o.augment(), validation)) {
                TrainLoop.Result r = TrainingData.run("training " + config.describe() + " on "
                    + trainSamples.size() + " samples (" + o.trainFilter().split() + "), " + settings.epochs()
                    + " epochs of " + trainSamples.size() / settings.batchSize() + " steps, batch "
                    + settings.batchSize(), task, settings, o, log);
                if (r.finished() && o.export() != null) {
                    long perEpoch = trainSamples.size() / settings.batchSize();
                    TrainingCheckpoint weights = task.checkpoint(r.step(), Math.toIntExact(r.step() / perEpoch),
                        Double.NaN, Map.of(), false);
                    weights.writeSnapshot(o.export());
                    log.println("wrote " + o.export());
                }
                TrainingData.reportEnd(r, out);
            }
        }
    }

    private static InterNetModel startingModel(TrainOptions o, InterNetConfig config) {
        InterNetModel model = InterNetModel.initialised(config, o.seed());
        try {
            if (o.backboneWeights() != null) {
                WeightImport.load(model.network().resnet(), Checkpoints.read(o.backboneWeights()).weights(),
                    "ResNet-" + config.resnetDepth(), name -> name.startsWith("fc."));
            } else if (o.init() != null) {
                WeightImport.load(model.network(), InterNetModel.networkWeights(Checkpoints.read(o.init())),
                    config.describe(), name -> false);
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }
}
