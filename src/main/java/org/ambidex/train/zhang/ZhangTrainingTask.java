package org.ambidex.train.zhang;

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
import org.ambidex.nets.zhang.ZhangLoss;
import org.ambidex.nets.zhang.ZhangModel;
import org.ambidex.train.LossSum;
import org.ambidex.train.ModuleOptimizer;
import org.ambidex.train.TrainingCheckpoint;
import org.ambidex.train.TrainingTask;

/**
 * Trains Zhang et al. v2 as {@code main/train.py} does: the whole network in training mode (InterNet's BatchNorm
 * included, on batch statistics), the six terms of {@link ZhangLoss} summed, and {@code torch.optim.Adam} (betas
 * 0.9, 0.999, eps 1e-8, no weight decay) over {@code mesh_reg}'s parameters only, so InterNet keeps the weights it
 * started from while its running statistics move. The reference has no validation during training.
 */
public final class ZhangTrainingTask implements TrainingTask {

    /** Architecture name. */
    public static final String ARCH = "zhang";

    private final ZhangModel model;
    private final List<Sample> samples;
    private final ZhangExamples examples;
    private final boolean augment;
    private final ModuleOptimizer optimizer;

    /**
     * @param model the network to train, starting weights and MANO data in place (owned by the task from now on)
     * @param samples the training samples ({@link ZhangExamples#usable})
     * @param examples makes each sample's example
     * @param augment whether to apply the training augmentation (off only for experiments and tests)
     */
    public ZhangTrainingTask(ZhangModel model, List<Sample> samples, ZhangExamples examples, boolean augment) {
        this.model = model;
        this.samples = samples;
        this.examples = examples;
        this.augment = augment;
        this.optimizer = new ModuleOptimizer(model.network(), model.manager(), 0, name -> name.startsWith("mesh_reg."));
    }

    @Override
    public String arch() {
        return ARCH;
    }

    @Override
    public int trainSize() {
        return samples.size();
    }

    public ZhangModel model() {
        return model;
    }

    @Override
    public long skippedUpdates() {
        return optimizer.skippedUpdates();
    }

    /** The prepared examples of a step (images read and cropped on the calling thread). */
    public List<ZhangExample> examples(int[] indices, long[] seeds) {
        List<ZhangExample> list = new ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            Sample s = samples.get(indices[i]);
            list.add(examples.make(s, FloatImage.ofRgb(Images.read(s.image())), seeds[i], augment));
        }
        return list;
    }

    @Override
    public StepLoss step(int[] indices, long[] seeds, double lr) {
        return step(examples(indices, seeds), lr);
    }

    /** One optimisation step on prepared examples. */
    public StepLoss step(List<ZhangExample> batchExamples, double lr) {
        // NDScope closes every array of the step, parameter-first temporaries included.
        try (NDScope ignored = new NDScope(); NDManager scope = model.manager().newSubManager()) {
            ZhangBatch batch = ZhangBatch.of(batchExamples, scope);
            Map<String, Double> terms = new LinkedHashMap<>();
            double total;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = model.network().forward(new ParameterStore(scope, false), new NDList(batch.image()),
                    true, null);
                Map<String, NDArray> t = ZhangLoss.terms(out, batch.targets());
                NDArray sum = LossSum.of(t, terms);
                collector.backward(sum);
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
        optimizer.restore(checkpoint, ZhangModel.DESCRIPTION);
    }

    /**
     * Writes the file {@code main/train.py} saves after an epoch, which {@code demo.py} and {@code main/test.py}
     * load strictly: {@code {'epoch': epochsDone - 1, 'network': state dict with 'module.', 'optimizer': Adam's
     * state}}, atomically.
     */
    public void export(Path file, long step, int epochsDone, double lr) {
        optimizer.checkpoint(ARCH, step, epochsDone, lr, Map.of(), true).writeSnapshot(file);
    }

    @Override
    public Map<String, Double> validate(int epoch, Path folder) {
        return Map.of();
    }

    @Override
    public void close() {
        optimizer.close();
        model.close();
    }
}
