package org.ambidex.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.nets.StateEntry;
import org.ambidex.nets.TorchModule;
import org.ambidex.nets.WeightImport;

/**
 * Adam(W) over the trainable parameters of one network, with PyTorch's defaults (betas 0.9 and 0.999, eps 1e-8),
 * and the network-plus-optimizer state every training task checkpoints and restores. One place for what each
 * architecture would otherwise repeat: which parameters train, skipping non-finite steps, and the
 * {@code torch.optim.Adam} state layout of checkpoints.
 */
public final class ModuleOptimizer implements AutoCloseable {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final TorchModule module;
    private final List<String> names = new ArrayList<>();
    private final double weightDecay;
    private final AdamW optimizer;
    private long skipped;

    /**
     * @param module the network whose trainable parameters are optimised
     * @param manager where the optimizer state lives
     * @param weightDecay AdamW's decoupled weight decay (0 gives plain Adam)
     */
    public ModuleOptimizer(TorchModule module, NDManager manager, double weightDecay) {
        this(module, manager, weightDecay, name -> true);
    }

    /**
     * Optimises only the trainable parameters whose state-dict names {@code optimised} accepts (as a reference that
     * gives its optimizer one sub-module's parameters); checkpoints still hold the whole network.
     */
    public ModuleOptimizer(TorchModule module, NDManager manager, double weightDecay,
                           java.util.function.Predicate<String> optimised) {
        this.module = module;
        this.weightDecay = weightDecay;
        Map<String, Parameter> trainable = new LinkedHashMap<>();
        module.stateEntries().forEach((name, e) -> {
            if (e instanceof StateEntry.ParameterEntry p && e.trainable() && optimised.test(name)) {
                trainable.put(name, p.parameter());
                names.add(name);
            }
        });
        this.optimizer = new AdamW(trainable, manager, BETA1, BETA2, EPS, weightDecay);
    }

    /**
     * Applies the accumulated gradients with learning rate {@code lr} when {@code loss} and every gradient entry
     * are finite; otherwise drops them, so one bad batch cannot poison the weights. Returns whether an update was
     * made.
     */
    public boolean updateIfFinite(double loss, double lr) {
        if (Double.isFinite(loss) && optimizer.gradientsFinite()) {
            optimizer.update(lr);
            return true;
        }
        if (Double.isFinite(loss)) {
            skipped++;
        }
        optimizer.zeroGradients();
        return false;
    }

    /** Updates dropped for a non-finite gradient under a finite loss (a non-finite loss stops the loop instead). */
    public long skippedUpdates() {
        return skipped;
    }

    /** The checkpoint of the network (and, unless {@code withOptimizer} is false, of this optimizer). */
    public TrainingCheckpoint checkpoint(String arch, long step, int epochsDone, double lr,
                                         Map<String, Object> settings, boolean withOptimizer) {
        Map<String, Object> state = withOptimizer
            ? TorchAdamState.of(optimizer, names, lr, BETA1, BETA2, EPS, weightDecay) : Map.of();
        return new TrainingCheckpoint(arch, step, epochsDone, WeightImport.export(module), state, settings);
    }

    /** Restores the network (described as {@code what} in errors) and, when saved, the optimizer state. */
    public void restore(TrainingCheckpoint.Loaded checkpoint, String what) {
        WeightImport.load(module, checkpoint.network(), what, name -> false);
        if (checkpoint.optimizer() != null) {
            TorchAdamState.restore(optimizer, names, checkpoint.optimizer());
        }
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
