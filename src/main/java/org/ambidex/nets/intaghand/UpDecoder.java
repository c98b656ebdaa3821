package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.Intermediates;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * IntagHand's {@code ResNetSimple_decoder} on the last ResNet map {@code (B, in, S, S)}: {@code models.0} a 1x1
 * convolution, then three levels each doubling the size (bilinear, {@code align_corners=True}) before a 3x3
 * convolution; every convolution without bias and followed by ReLU and then batch norm (in that order). The four
 * levels' maps ({@code (B, dim, S 2^i, S 2^i)}) feed the graph decoder; {@code final_layer} (1x1, bias), the
 * auxiliary heat-map or mask output, is computed only when asked for.
 */
public final class UpDecoder extends TorchModule {

    private final List<Conv2d> convs = new ArrayList<>();
    private final List<BatchNorm2d> norms = new ArrayList<>();
    private final Conv2d finalLayer;

    public UpDecoder(int in, int dim, int outChannels) {
        TorchModule[] levels = new TorchModule[4];
        for (int i = 0; i < 4; i++) {
            Conv2d conv = new Conv2d(i == 0 ? in : dim, dim, i == 0 ? 1 : 3, 1, i == 0 ? 0 : 1, false);
            BatchNorm2d bn = new BatchNorm2d(dim);
            convs.add(conv);
            norms.add(bn);
            // Sequential indices as in the reference, [Upsample,] Conv, ReLU, BN; the parameter-free ReLU module
            // holds index 0 of nn.Upsample, which levels() applies itself
            levels[i] = i == 0 ? new Sequential(conv, relu(), bn) : new Sequential(relu(), conv, relu(), bn);
        }
        child("models", new Sequential(levels));
        finalLayer = child("final_layer", new Conv2d(dim, outChannels, 1, 1, 0, true));
    }

    private static TorchModule relu() {
        return org.ambidex.nets.Functional.relu();
    }

    /** The four levels' maps, coarsest first. */
    NDList levels(ParameterStore store, NDArray x, boolean training) {
        NDList out = new NDList();
        for (int i = 0; i < 4; i++) {
            int level = i;
            NDArray in = x;
            x = Intermediates.step(training, in, () -> {
                NDArray y = level > 0 ? AlignedUpsample.twice(in) : in;
                y = convs.get(level).forward(store, new NDList(y), training).singletonOrThrow();
                return norms.get(level).forward(store, new NDList(Activation.relu(y)), training).singletonOrThrow();
            });
            out.add(x);
        }
        return out;
    }

    /** {@code final_layer} of the last level. */
    NDArray head(ParameterStore store, NDArray last, boolean training) {
        return finalLayer.forward(store, new NDList(last), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList levels = levels(store, inputs.singletonOrThrow(), training);
        return new NDList(head(store, levels.get(3), training));
    }
}
