package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * One hourglass of S2HAND's heat-map network ({@code Hourglass(n, nModules, nFeats)} of {@code utils/net_hg.py}):
 * the skip branch ({@code up1_}, {@code nModules} residuals at full resolution) plus the lower branch (2 x 2 max
 * pooling, {@code low1_}, the next hourglass {@code low2} or, at the bottom, {@code low2_}, then {@code low3_}),
 * doubled back by nearest up-sampling. Input and output (B, nFeats, H, W), H and W divisible by 2^n.
 */
final class Hourglass extends TorchModule {

    private final Hourglass low2;
    private final Sequential low2Bottom;
    private final Sequential up1;
    private final Sequential low1;
    private final Sequential low3;

    Hourglass(int n, int modules, int features) {
        if (n > 1) {
            low2 = child("low2", new Hourglass(n - 1, modules, features));
            low2Bottom = null;
        } else {
            low2 = null;
            low2Bottom = child("low2_", residuals(modules, features));
        }
        up1 = child("up1_", residuals(modules, features));
        low1 = child("low1_", residuals(modules, features));
        low3 = child("low3_", residuals(modules, features));
    }

    /** {@code count} residuals applied in turn (the reference's {@code nn.ModuleList}, looped over in order). */
    static Sequential residuals(int count, int features) {
        HourglassResidual[] blocks = new HourglassResidual[count];
        for (int i = 0; i < count; i++) {
            blocks[i] = new HourglassResidual(features, features);
        }
        return new Sequential(blocks);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray skip = HourglassResidual.run(up1, store, x, training, params);
        NDArray low = HourglassResidual.run(low1, store, maxPool2(x), training, params);
        low = HourglassResidual.run(low2 != null ? low2 : low2Bottom, store, low, training, params);
        low = HourglassResidual.run(low3, store, low, training, params);
        return new NDList(skip.add(low.repeat(2, 2).repeat(3, 2)));
    }

    /** {@code nn.MaxPool2d(kernel_size=2, stride=2)}. */
    static NDArray maxPool2(NDArray x) {
        return x.getNDArrayInternal().maxPool(new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }
}
