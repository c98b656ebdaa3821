package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.Linear;
import org.ambidex.nets.TorchModule;

/**
 * DIR's {@code RegressorOffset}: from each hand's 21 joint features (flattened, 21 x J) and the previous stage's
 * 64 parameters (detached), {@code mano_*} (Linear 21J+64 to 64) gives the new parameters, decoded by the
 * regressor's own MANO layers; {@code offset} (Linear 2 x 21J + 3 to 3) reads both hands' features and the
 * previous offset.
 */
final class RegressorOffset extends TorchModule {

    private final ManoPcaLayer manoRight;
    private final ManoPcaLayer manoLeft;
    private final Linear paramsLeft;
    private final Linear paramsRight;
    private final Linear offset;

    RegressorOffset(int features) {
        manoRight = child("mano_layer_right", new ManoPcaLayer(HandSide.RIGHT));
        manoLeft = child("mano_layer_left", new ManoPcaLayer(HandSide.LEFT));
        paramsLeft = child("mano_left", new Linear(features + DirHand.SIZE, DirHand.SIZE));
        paramsRight = child("mano_right", new Linear(features + DirHand.SIZE, DirHand.SIZE));
        offset = child("offset", new Linear(features * 2 + 3, 3));
    }

    /** The MANO layer of hand {@code hand} (0 right, 1 left). */
    ManoPcaLayer layer(int hand) {
        return hand == 0 ? manoRight : manoLeft;
    }

    /** {@code left}, {@code right}: (B,21,J); {@code previous}: the stage before (its values detached). */
    DirStage run(ParameterStore store, NDArray left, NDArray right, DirStage previous, boolean training) {
        long b = left.getShape().get(0);
        NDArray fl = left.reshape(b, -1);
        NDArray fr = right.reshape(b, -1);
        NDArray off = Forward.of(offset, store, NDArrays.concat(new NDList(fl, fr,
            previous.offset().stopGradient()), -1), training);
        NDArray pl = Forward.of(paramsLeft, store, NDArrays.concat(new NDList(fl,
            previous.left().parameters().stopGradient()), -1), training);
        NDArray pr = Forward.of(paramsRight, store, NDArrays.concat(new NDList(fr,
            previous.right().parameters().stopGradient()), -1), training);
        return new DirStage(DirHand.decode(manoLeft, pl, store, training), DirHand.decode(manoRight, pr, store,
            training), off);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        throw new UnsupportedOperationException("RegressorOffset runs through run()");
    }
}
