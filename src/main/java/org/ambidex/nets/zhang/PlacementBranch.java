package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Functional;
import org.ambidex.nets.Linear;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * The relative-placement head ({@code mesh_reg.trans_branch}, the reference's {@code AbsoluteBranch}):
 * {@code decoder} = Linear(2048, 1024)+ReLU, {@code final_layer} = Linear(1024, 4). Input the mean-pooled layer4
 * feature {@code (B, 2048)}; output {@code (B, 4)} = (log scale, dx, dy, dz) of the left hand in the right hand's
 * normalised frame.
 */
final class PlacementBranch extends TorchModule {

    private final Linear finalLayer;
    private final Sequential decoder;

    PlacementBranch(int in) {
        // The reference declares final_layer first: its state-dict order.
        finalLayer = child("final_layer", new Linear(in / 2, 4));
        decoder = child("decoder", new Sequential(new Linear(in, in / 2), Functional.relu()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return finalLayer.forward(store, decoder.forward(store, inputs, training, params), training, params);
    }
}
