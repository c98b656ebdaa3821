package org.ambidex.train.internet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.io.image.Images;
import org.ambidex.nets.InterNetModel;
import org.ambidex.train.ModuleOptimizer;
import org.ambidex.train.TrainingCheckpoint;
import org.ambidex.train.TrainingTask;

/**
 * Trains an InterNet as the reference does (SEED_SPEC A.9, B.5): augmented 256 x 256 crops of InterHand2.6M-format
 * samples, the three losses of {@link InterNetLoss} summed, Adam (betas 0.9, 0.999, eps 1e-8, no weight decay),
 * batch-norm in training mode.
 */
public final class InterNetTrainingTask implements TrainingTask {

    /** Architecture name. */
    public static final String ARCH = "internet";

    private final InterNetModel model;
    private final List<Sample> samples;
    private final boolean augment;
    private final InterNetValidator validator;
    private final ModuleOptimizer optimizer;

    /**
     * @param model the network to train (owned by the task from now on: closed with it)
     * @param samples the training samples
     * @param augment whether to apply the training augmentation (off only for experiments and tests)
     * @param validator the epoch-end evaluation, or null for none
     */
    public InterNetTrainingTask(InterNetModel model, List<Sample> samples, boolean augment,
                                InterNetValidator validator) {
        this.model = model;
        this.samples = samples;
        this.augment = augment;
        this.validator = validator;
        // Adam as the reference trains InterNet: no weight decay.
        this.optimizer = new ModuleOptimizer(model.network(), model.manager(), 0);
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

    public InterNetModel model() {
        return model;
    }

    /** The prepared examples of a step (images read and cropped here, on the calling thread). */
    public List<InterNetBatch.Example> examples(int[] indices, long[] seeds) {
        List<InterNetBatch.Example> list = new ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            Sample s = samples.get(indices[i]);
            FloatImage image = FloatImage.ofRgb(Images.read(s.image()));
            list.add(InterNetBatch.example(s, image, seeds[i], augment));
        }
        return list;
    }

    @Override
    public StepLoss step(int[] indices, long[] seeds, double lr) {
        List<InterNetBatch.Example> examples = examples(indices, seeds);
        // NDScope closes every array made during the step: DJL attaches an operation's result to its first
        // operand's manager, so temporaries of parameter-first operations would otherwise outlive the step.
        try (NDScope ignored = new NDScope(); NDManager scope = model.manager().newSubManager()) {
            InterNetBatch batch = InterNetBatch.of(examples, scope);
            Map<String, Double> terms = new LinkedHashMap<>();
            double total;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = model.network().forward(new ParameterStore(scope, false), new NDList(batch.image()),
                    true, null);
                InterNetLoss.Terms t = InterNetLoss.compute(out, batch);
                NDArray sum = t.total();
                collector.backward(sum);
                terms.put("joint_heatmap", (double) t.heatmap().getFloat());
                terms.put("rel_root_depth", (double) t.rootDepth().getFloat());
                terms.put("hand_type", (double) t.handType().getFloat());
                total = sum.getFloat();
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
        optimizer.restore(checkpoint, model.config().describe());
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
