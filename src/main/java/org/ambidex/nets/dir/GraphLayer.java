package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.TorchModule;

/**
 * SemGCN's {@code _GraphConv}: {@link PGraphConv} ({@code gconv}), batch norm over the channels ({@code bn},
 * a BatchNorm1d), ReLU. (B, 21, C) to (B, 21, C').
 */
final class GraphLayer extends TorchModule {

    private final PGraphConv gconv;
    private final BatchNorm2d bn;

    GraphLayer(int in, int out) {
        gconv = child("gconv", new PGraphConv(in, out));
        bn = child("bn", new BatchNorm2d(out)); // torch.batch_norm serves (B, C, L) as BatchNorm1d does
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = gconv.forward(store, inputs, training, params).singletonOrThrow().transpose(0, 2, 1);
        x = bn.forward(store, new NDList(x), training, params).singletonOrThrow().transpose(0, 2, 1);
        return new NDList(Activation.relu(x));
    }
}
