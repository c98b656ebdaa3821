package org.ambidex.train.twohand;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.io.image.Images;
import org.ambidex.nets.twohand.TwoHandModel;
import org.ambidex.nets.twohand.TwoHandOutput;
import org.ambidex.train.ModuleOptimizer;
import org.ambidex.train.TrainingCheckpoint;
import org.ambidex.train.TrainingTask;

/**
 * Training of the two-hand network for the shared {@link org.ambidex.train.TrainLoop}: examples cut from the
 * samples ({@link TwoHandExamples}, crop jitter from each sample's seed), the {@link TwoHandLoss} over all stages,
 * AdamW with decoupled weight decay. Samples need camera-frame hand-model parameters
 * ({@link Sample#manoCamera()}) for the mesh and parameter terms; without them those terms are masked out.
 */
public final class TwoHandTrainingTask implements TrainingTask {

    /** The {@code --arch} name. */
    public static final String ARCH = "twohand";

    private final TwoHandModel model;
    private final List<Sample> samples;
    private final TwoHandLoss loss;
    private final boolean augment;
    private final TwoHandValidator validator;
    private final ModuleOptimizer optimizer;

    /**
     * @param model the network to train (owned by the task from now on: closed with it)
     * @param samples the training samples
     * @param weights the loss weights
     * @param augment whether to jitter the crops
     * @param weightDecay AdamW's decoupled weight decay
     * @param validator the epoch-end evaluation, or null for none
     */
    public TwoHandTrainingTask(TwoHandModel model, List<Sample> samples, TwoHandLossWeights weights, boolean augment,
                               double weightDecay, TwoHandValidator validator) {
        this.model = Objects.requireNonNull(model, "model");
        this.samples = Objects.requireNonNull(samples, "samples");
        this.loss = new TwoHandLoss(weights);
        this.augment = augment;
        this.validator = validator;
        this.optimizer = new ModuleOptimizer(model.network(), model.manager(), weightDecay);
    }

    @Override
    public long skippedUpdates() {
        return optimizer.skippedUpdates();
    }

    @Override
    public String arch() {
        return ARCH;
    }

    @Override
    public int trainSize() {
        return samples.size();
    }

    public TwoHandModel model() {
        return model;
    }

    /** The examples of a step (images read and cropped on the calling thread). */
    public List<TwoHandExample> examples(int[] indices, long[] seeds) {
        List<TwoHandExample> list = new ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            Sample s = samples.get(indices[i]);
            FloatImage image = FloatImage.ofRgb(Images.read(s.image()));
            list.add(TwoHandExamples.make(s, image, model.config(), augment ? new SplittableRandom(seeds[i]) : null));
        }
        return list;
    }

    @Override
    public StepLoss step(int[] indices, long[] seeds, double lr) {
        List<TwoHandExample> examples = examples(indices, seeds);
        // NDScope closes every array made during the step: DJL attaches an operation's result to its first
        // operand's manager, so temporaries of parameter-first operations would otherwise outlive the step.
        try (NDScope ignored = new NDScope(); NDManager scope = model.manager().newSubManager()) {
            TwoHandBatch batch = TwoHandBatch.of(examples, model.config().inputSize(), scope);
            Map<String, Double> terms;
            double total;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TwoHandOutput out = model.network().run(new ParameterStore(scope, false), batch.images(), true);
                TwoHandLoss.Terms t = loss.compute(out, batch, model.decoder());
                collector.backward(t.total());
                terms = t.values();
                total = terms.remove("total");
            }
            optimizer.updateIfFinite(total, lr);
            return new StepLoss(total, terms);
        }
    }

    @Override
    public TrainingCheckpoint checkpoint(long step, int epochsDone, double lr, Map<String, Object> settings,
                                         boolean withOptimizer) {
        return optimizer.checkpoint(ARCH, step, epochsDone, lr, settings, withOptimizer);
    }

    @Override
    public void restore(TrainingCheckpoint.Loaded checkpoint) {
        optimizer.restore(checkpoint, "the two-hand network " + model.config());
    }

    @Override
    public Map<String, Double> validate(int epoch, Path folder) {
        return validator == null ? Map.of() : validator.validate(model, epoch, folder);
    }

    @Override
    public void close() {
        optimizer.close();
        model.close();
    }
}
