package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import org.ambidex.nets.TorchModule;

/** Runs a one-input, one-output module on an array. */
final class Forward {

    private Forward() {
    }

    static NDArray of(TorchModule module, ParameterStore store, NDArray x, boolean training) {
        return module.forward(store, new NDList(x), training, null).singletonOrThrow();
    }
}
