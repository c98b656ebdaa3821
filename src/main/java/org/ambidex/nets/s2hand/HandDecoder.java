package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.TorchModule;

/** S2HAND's {@code MyHandDecoder}: a wrapper naming the regressors {@code hand_decode} in the state dict. */
final class HandDecoder extends TorchModule {

    private final PoseHandHead handDecode;

    HandDecoder(int features) {
        handDecode = child("hand_decode", new PoseHandHead(features));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return handDecode.forward(store, inputs, training, params);
    }
}
