package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.TorchModule;

/**
 * {@code nn.ModuleList} / {@code nn.ModuleDict}: modules held under names ({@code 0, 1, 2} or {@code r, l}) that
 * its owner calls one by one; it has no forward pass of its own.
 */
final class Modules extends TorchModule {

    /** {@code names[i]} holds {@code modules[i]}. */
    Modules(String[] names, TorchModule... modules) {
        for (int i = 0; i < modules.length; i++) {
            child(names[i], modules[i]);
        }
    }

    /** An {@code nn.ModuleList}. */
    static Modules list(TorchModule... modules) {
        String[] names = new String[modules.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = Integer.toString(i);
        }
        return new Modules(names, modules);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        throw new UnsupportedOperationException("a module container is not called itself");
    }
}
