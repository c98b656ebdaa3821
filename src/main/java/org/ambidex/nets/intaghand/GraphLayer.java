package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * IntagHand's {@code GraphLayer}: {@code GCN_blocks}, {@link ChebyshevBlock}s with ReLU between them (not after the
 * last).
 */
public final class GraphLayer extends TorchModule {

    private final List<ChebyshevBlock> blocks;

    public GraphLayer(int in, int out, NDArray laplacian, int count) {
        ChebyshevBlock[] list = new ChebyshevBlock[count];
        for (int i = 0; i < count; i++) {
            list[i] = new ChebyshevBlock(i == 0 ? in : out, out, laplacian);
        }
        this.blocks = List.of(list);
        // a ModuleList: children named 0..n-1, which Sequential names the same way
        child("GCN_blocks", new Sequential(list));
    }

    NDArray apply(ParameterStore store, NDArray x, boolean training) {
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).apply(store, x, training);
            if (i < blocks.size() - 1) {
                x = Activation.relu(x);
            }
        }
        return x;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow(), training));
    }
}
