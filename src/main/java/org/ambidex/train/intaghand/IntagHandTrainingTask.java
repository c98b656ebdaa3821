package org.ambidex.train.intaghand;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ambidex.nets.StateEntry;
import org.ambidex.nets.intaghand.IntagHandModel;
import org.ambidex.train.ModuleOptimizer;
import org.ambidex.train.TrainingCheckpoint;
import org.ambidex.train.TrainingTask;

/**
 * IntagHand's training step for the shared {@link org.ambidex.train.TrainLoop}, as {@code core/gcn_trainer.py}
 * trains: {@link IntagHandLoss} on {@code forwardWithAuxiliary}'s outputs, plain Adam (torch's defaults, no weight
 * decay) over every parameter but {@code decoder.unsample_layer.weight}, which stays frozen
 * ({@code MODEL.freeze_upsample}). The epoch the loss needs (its edge term starts at epoch
 * {@link IntagHandLoss#NORM_EPOCH}) is the steps done divided by the steps of an epoch.
 */
public final class IntagHandTrainingTask implements TrainingTask {

    /** The {@code --arch} name. */
    public static final String ARCH = "intaghand";
    /** The weight {@code MODEL.freeze_upsample} keeps fixed. */
    public static final String FROZEN = "decoder.unsample_layer.weight";

    private final IntagHandModel model;
    private final int trainSize;
    private final int stepsPerEpoch;
    private final IntagHandBatches batches;
    private final IntagHandLoss loss;
    private final ModuleOptimizer optimizer;
    private long stepsDone;

    /**
     * @param model the network (owned by the task from now on: closed with it)
     * @param trainSize examples in the training set
     * @param batchSize examples per step (an epoch is {@code trainSize / batchSize} steps)
     */
    public IntagHandTrainingTask(IntagHandModel model, int trainSize, int batchSize, IntagHandBatches batches,
                                 IntagHandLoss loss) {
        this.model = Objects.requireNonNull(model, "model");
        if (trainSize < batchSize || batchSize < 1) {
            throw new IllegalArgumentException("need at least one batch of " + batchSize + ", have " + trainSize);
        }
        this.trainSize = trainSize;
        this.stepsPerEpoch = trainSize / batchSize;
        this.batches = Objects.requireNonNull(batches, "batches");
        this.loss = Objects.requireNonNull(loss, "loss");
        StateEntry frozen = model.network().stateEntries().get(FROZEN);
        ((StateEntry.ParameterEntry) frozen).parameter().freeze(true);
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
        return trainSize;
    }

    public IntagHandModel model() {
        return model;
    }

    @Override
    public StepLoss step(int[] indices, long[] seeds, double lr) {
        int epoch = Math.toIntExact(stepsDone / stepsPerEpoch);
        // NDScope closes every array of the step, including those DJL attaches to the parameters' manager.
        try (NDScope ignored = new NDScope(); NDManager scope = model.manager().newSubManager()) {
            IntagHandBatch batch = batches.make(indices, seeds, scope);
            Map<String, Double> terms = new LinkedHashMap<>();
            double total;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = model.network().forwardWithAuxiliary(new ParameterStore(scope, false), batch.image(),
                    true);
                Map<String, NDArray> t = loss.terms(out, batch.targets(), epoch);
                NDArray sum = t.get("total_loss");
                collector.backward(sum);
                t.forEach((k, v) -> {
                    if (!k.equals("total_loss")) {
                        terms.put(k, (double) v.getFloat());
                    }
                });
                total = sum.getFloat();
            }
            optimizer.updateIfFinite(total, lr);
            stepsDone++;
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
        optimizer.restore(checkpoint, "IntagHand");
        stepsDone = checkpoint.step();
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
