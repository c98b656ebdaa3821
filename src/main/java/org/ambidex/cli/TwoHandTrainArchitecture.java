package org.ambidex.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.data.HandLayerRootJoint;
import org.ambidex.data.ManoCameraConversion;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.twohand.TwoHandConfig;
import org.ambidex.nets.twohand.TwoHandModel;
import org.ambidex.pipeline.TwoHandValidation;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.ambidex.train.twohand.TwoHandLossWeights;
import org.ambidex.train.twohand.TwoHandTrainingTask;
import org.ambidex.train.twohand.WarmupCosine;

/**
 * {@code ambidex train --arch twohand}: the default two-hand mesh network (nets.twohand) with AdamW, linear
 * warm-up and cosine decay; validation under the {@code interhand} and {@code intaghand} protocols after each
 * epoch; at the end the weights with their configuration go to {@code --out/model.pt}, the file
 * {@code ambidex reconstruct --model twohand:FILE} reads.
 */
final class TwoHandTrainArchitecture implements TrainArchitecture {

    /** Defaults sized for a CPU: ~8k synthetic frames train in well under an hour on 2 cores. */
    static final TrainCommand.Defaults DEFAULTS = new TrainCommand.Defaults(12, 16, 1e-3, List.of(), 1);
    /** The final model file in the run folder. */
    static final String MODEL = "model.pt";

    @Override
    public String name() {
        return TwoHandTrainingTask.ARCH;
    }

    @Override
    public int train(TrainCommand c) {
        if (c.lrDecayEpochs != null || c.lrDecayFactor != null || c.backboneWeights != null) {
            throw new BadInputException("twohand trains with warm-up and cosine decay: --lr-decay-epochs, "
                + "--lr-decay-factor and --backbone-weights do not apply");
        }
        TwoHandConfig config;
        try {
            config = new TwoHandConfig(c.twohandResnet, c.twohandWidth, c.inputSize, c.stages, 8, 256,
                TwoHandConfig.IMAGENET_MEAN, TwoHandConfig.IMAGENET_STD);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("twohand: " + e.getMessage());
        }
        HandModel right = HandModelLoader.resolve(c.handModel, HandSide.RIGHT, true);
        HandModel left = HandModelLoader.resolve(c.handModel, HandSide.LEFT, true);
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("network", config.toString());
        identity.put("augment", !c.noAugment);
        identity.put("hand_model", c.handModel);
        identity.put("weight_decay", c.weightDecay);
        identity.put("warmup_steps", (long) c.warmupSteps);
        identity.put("loss_weights", TwoHandLossWeights.DEFAULT.toString());
        if (c.init != null) {
            identity.put("start", "init " + c.init.toAbsolutePath().normalize());
        }
        PrintWriter log = c.log();
        try (HandLayerRootJoint roots = new HandLayerRootJoint(right, left);
             InterHandDataset train = InterHandDataset.open(c.dataset.data, c.dataset.filter(c.trainSplit),
                 new InterHandDataset.Options(new ManoCameraConversion(roots), null));
             InterHandDataset val = "none".equals(c.valSplit) ? null
                 : InterHandDataset.open(c.dataset.data, c.dataset.filter(c.valSplit))) {
            List<Sample> trainSamples = TrainCommand.samples(train, c.maxTrainSamples);
            int batch = c.batchSize != null ? c.batchSize : DEFAULTS.batchSize();
            int epochs = c.epochs != null ? c.epochs : DEFAULTS.epochs();
            if (trainSamples.size() < batch) {
                throw new BadInputException(c.dataset.data, "has " + trainSamples.size() + " training samples in"
                    + " split " + c.trainSplit + ", fewer than one batch of " + batch);
            }
            double rate = c.lr != null ? c.lr : DEFAULTS.lr();
            long total = (long) (trainSamples.size() / batch) * epochs;
            TrainSettings shared = c.settings(DEFAULTS, identity);
            TrainSettings settings = new TrainSettings(shared.out(), shared.epochs(), shared.batchSize(),
                shared.seed(), shared.checkpointEvery(), WarmupCosine.of(rate, c.warmupSteps, total),
                shared.identity());
            TwoHandValidation validation = val == null ? null
                : new TwoHandValidation(TrainCommand.spread(val, c.maxValSamples), batch);
            TwoHandModel model = startingModel(c, config, right, left);
            try (TwoHandTrainingTask task = new TwoHandTrainingTask(model, trainSamples, TwoHandLossWeights.DEFAULT,
                !c.noAugment, c.weightDecay, validation)) {
                log.println("training " + config + " on " + trainSamples.size() + " samples (" + c.trainSplit + "), "
                    + epochs + " epochs of " + trainSamples.size() / batch + " steps, batch " + batch);
                log.flush();
                TrainLoop.Result r = TrainLoop.run(task, settings, c.stopAfter(), line -> {
                    log.println(line);
                    log.flush();
                });
                if (r.finished()) {
                    Path file = c.out.resolve(MODEL);
                    Map<String, Object> meta = new LinkedHashMap<>(settings.identity());
                    meta.put("steps", r.step());
                    meta.put("epochs", (long) epochs);
                    if (!r.epochs().isEmpty()) {
                        r.epochs().get(r.epochs().size() - 1).validation().forEach((k, v) -> meta.put("val_" + k, v));
                    }
                    model.save(file, meta);
                    log.println("wrote " + file);
                }
                c.spec.commandLine().getOut().println(r.finished() ? "finished: " + r.step() + " steps"
                    : "stopped at step " + r.step() + " of " + r.totalSteps() + "; run again to resume");
            }
        }
        return 0;
    }

    /** A fresh network, or with {@code --init} the weights of a twohand model file of the same configuration. */
    private static TwoHandModel startingModel(TrainCommand c, TwoHandConfig config, HandModel right, HandModel left) {
        if (c.init == null) {
            return TwoHandModel.initialised(config, right, left, c.seed);
        }
        TwoHandModel model = TwoHandModel.load(c.init, right, left);
        if (!model.config().equals(config)) {
            TwoHandConfig found = model.config();
            model.close();
            throw new BadInputException(c.init, "holds a network of " + found + ", expected " + config
                + " (set --input-size, --stages, --twohand-resnet and --twohand-width to match)");
        }
        return model;
    }
}
