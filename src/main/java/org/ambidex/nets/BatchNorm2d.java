package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * {@code torch.nn.BatchNorm2d} with PyTorch's defaults: {@code eps = 1e-5}, momentum 0.1 (new running value =
 * 0.9 old + 0.1 batch statistic, unbiased variance), affine, tracking running statistics. In evaluation mode
 * {@code y = (x - running_mean) / sqrt(running_var + eps) * weight + bias}; in training mode the batch statistics
 * are used and the running ones updated in place, and {@code num_batches_tracked} counts the updates.
 */
public final class BatchNorm2d extends TorchModule {

    /** PyTorch's default epsilon. */
    public static final float EPS = 1e-5f;
    /** PyTorch's default momentum (weight of the new batch statistic). */
    public static final float MOMENTUM = 0.1f;

    private final int channels;
    private final float eps;
    private final float momentum;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private long batchesTracked;

    public BatchNorm2d(int channels) {
        this(channels, EPS, MOMENTUM);
    }

    /**
     * A batch norm with another epsilon and momentum (TensorFlow-ported networks: EfficientNet's 1e-3 and 0.01).
     * It also serves {@code BatchNorm1d} on (B, C) inputs, which has the same parameters and the same names.
     */
    public BatchNorm2d(int channels, float eps, float momentum) {
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = parameter("weight", Parameter.Type.GAMMA, 1f, true, channels);
        this.bias = parameter("bias", Parameter.Type.BETA, 0f, true, channels);
        this.runningMean = parameter("running_mean", Parameter.Type.RUNNING_MEAN, 0f, false, channels);
        this.runningVar = parameter("running_var", Parameter.Type.RUNNING_VAR, 1f, false, channels);
    }

    public int channels() {
        return channels;
    }

    /** {@code num_batches_tracked}. */
    /** The epsilon added to the variance. */
    public float eps() {
        return eps;
    }

    /** The scale ({@code weight} in PyTorch). */
    public Parameter gamma() {
        return weight;
    }

    /** The shift ({@code bias} in PyTorch). */
    public Parameter beta() {
        return bias;
    }

    public Parameter runningMean() {
        return runningMean;
    }

    public Parameter runningVar() {
        return runningVar;
    }

    public long batchesTracked() {
        return batchesTracked;
    }

    @Override
    protected List<StateEntry> ownEntries() {
        List<StateEntry> list = new java.util.ArrayList<>(super.ownEntries());
        list.add(StateEntry.counter("num_batches_tracked", () -> batchesTracked, v -> batchesTracked = v));
        return list;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        NDArray mean = store.getValue(runningMean, x.getDevice(), training);
        NDArray var = store.getValue(runningVar, x.getDevice(), training);
        if (training) {
            batchesTracked++;
        }
        // Axis -1 makes DJL's PyTorch engine call torch.batch_norm as is (channels on axis 1); DJL's momentum is the
        // weight of the old value, PyTorch's that of the new one.
        return x.getNDArrayInternal().batchNorm(x, mean, var, w, b, -1, 1f - momentum, eps, training);
    }

    @Override
    public String toString() {
        return "BatchNorm2d(" + channels + ")";
    }
}
