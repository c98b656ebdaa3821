package org.ambidex.pipeline;

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
import org.ambidex.nets.twohand.TwoHandConfig;
import org.ambidex.nets.twohand.TwoHandModel;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.ambidex.train.twohand.TwoHandLossWeights;
import org.ambidex.train.twohand.TwoHandTrainingTask;
import org.ambidex.train.twohand.WarmupCosine;

/**
 * {@code ambidex train --arch twohand}: the two-hand mesh network with AdamW, linear warm-up and cosine decay;
 * validation under the {@code interhand} and {@code intaghand} protocols after each epoch; at the end the weights
 * with their configuration go to {@code OUT/model.pt}, the file {@code --model twohand:FILE} opens.
 */
final class TwoHandTrainer implements Trainer {

    /** Defaults sized for a CPU: ~8k synthetic frames train in well under an hour on 2 cores. */
    static final TrainOptions.Defaults DEFAULTS = new TrainOptions.Defaults(12, 16, 1e-3, List.of(), 1);
    /** The final model file in the run folder. */
    static final String MODEL = "model.pt";

    @Override
    public TrainOptions.Defaults defaults() {
        return DEFAULTS;
    }

    @Override
    public String options() {
        return "--input-size, --stages, --twohand-resnet, --twohand-width, --hand-model, --weight-decay, "
            + "--warmup-steps, --init (a twohand model file of the same configuration); writes OUT/" + MODEL;
    }

    @Override
    public void train(TrainOptions o, PrintWriter log, PrintWriter out) {
        TrainingData.refuseKeypoints(o);
        if (o.lrDecayEpochs() != null || o.lrDecayFactor() != null || o.backboneWeights() != null
            || o.export() != null) {
            throw new BadInputException("twohand trains with warm-up and cosine decay and writes OUT/" + MODEL
                + ": --lr-decay-epochs, --lr-decay-factor, --backbone-weights and --export do not apply");
        }
        TrainOptions.TwoHandOptions t = o.twoHand();
        TwoHandConfig config;
        try {
            config = new TwoHandConfig(t.resnetDepth(), t.resnetWidth(), t.inputSize(), t.stages(), 8, 256,
                TwoHandConfig.IMAGENET_MEAN, TwoHandConfig.IMAGENET_STD);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("twohand: " + e.getMessage());
        }
        HandModels hands = HandModels.resolve(t.handModel());
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("network", config.toString());
        identity.put("augment", o.augment());
        identity.put("hand_model", t.handModel());
        identity.put("weight_decay", t.weightDecay());
        identity.put("warmup_steps", (long) t.warmupSteps());
        identity.put("loss_weights", TwoHandLossWeights.DEFAULT.toString());
        if (o.init() != null) {
            identity.put("start", "init " + o.init().toAbsolutePath().normalize());
        }
        try (HandLayerRootJoint roots = new HandLayerRootJoint(hands.right(), hands.left());
             InterHandDataset train = InterHandDataset.open(o.data(), o.trainFilter(),
                 new InterHandDataset.Options(new ManoCameraConversion(roots), null));
             InterHandDataset val = o.valFilter() == null ? null : InterHandDataset.open(o.data(), o.valFilter())) {
            List<Sample> trainSamples = TrainingData.first(train.samples(), o.maxTrainSamples());
            int batch = o.batchSize(DEFAULTS);
            int epochs = o.epochs(DEFAULTS);
            TrainingData.requireOneBatch(o, trainSamples, batch);
            long total = (long) (trainSamples.size() / batch) * epochs;
            TrainSettings settings = o.settings(DEFAULTS, identity)
                .withSchedule(WarmupCosine.of(o.lr(DEFAULTS), t.warmupSteps(), total));
            TwoHandValidation validation = val == null ? null
                : new TwoHandValidation(TrainingData.spread(val.samples(), o.maxValSamples()), batch, t.handModel());
            TwoHandModel model = startingModel(o, config, hands);
            try (TwoHandTrainingTask task = new TwoHandTrainingTask(model, trainSamples, TwoHandLossWeights.DEFAULT,
                o.augment(), t.weightDecay(), validation)) {
                TrainLoop.Result r = TrainingData.run("training " + config + " on " + trainSamples.size()
                    + " samples (" + o.trainFilter().split() + "), " + epochs + " epochs of "
                    + trainSamples.size() / batch + " steps, batch " + batch, task, settings, o, log);
                if (r.finished()) {
                    Path file = o.out().resolve(MODEL);
                    Map<String, Object> meta = new LinkedHashMap<>(settings.identity());
                    meta.put("steps", r.step());
                    meta.put("epochs", (long) epochs);
                    if (!r.epochs().isEmpty()) {
                        r.epochs().get(r.epochs().size() - 1).validation().forEach((k, v) -> meta.put("val_" + k, v));
                    }
                    model.save(file, meta);
                    log.println("wrote " + file);
                }
                TrainingData.reportEnd(r, out);
            }
        }
    }

    /** A fresh network, or with {@code --init} the weights of a twohand model file of the same configuration. */
    private static TwoHandModel startingModel(TrainOptions o, TwoHandConfig config, HandModels hands) {
        if (o.init() == null) {
            return TwoHandModel.initialised(config, hands.right(), hands.left(), o.seed());
        }
        TwoHandModel model = TwoHandModel.load(o.init(), hands.right(), hands.left());
        if (!model.config().equals(config)) {
            TwoHandConfig found = model.config();
            model.close();
            throw new BadInputException(o.init(), "holds a network of " + found + ", expected " + config
                + " (set --input-size, --stages, --twohand-resnet and --twohand-width to match)");
        }
        return model;
    }
}
