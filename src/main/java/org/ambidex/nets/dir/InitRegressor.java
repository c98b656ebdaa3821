package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.FoldedBatchNorm;
import org.ambidex.nets.Functional;
import org.ambidex.nets.Linear;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * DIR's {@code InitRegressor} on the backbone's last map F (B,C,h,w): per hand a spatial attention
 * ({@code attention_*}: Conv3x3 to C/2, BN, ReLU, Conv1x1 to 1, sigmoid) pools F as {@code sum(F a) / (sum(a) +
 * 1e-8)}, and {@code mano_*} (Linear C to 64) gives the hand's parameters; {@code offset} (Linear C to 3) reads
 * the plain mean of F.
 */
final class InitRegressor extends TorchModule {

    private static final float EPS = 1e-8f;

    private final ManoPcaLayer manoRight;
    private final ManoPcaLayer manoLeft;
    private final Sequential attentionLeft;
    private final Sequential attentionRight;
    private final FoldedBatchNorm foldedLeft;
    private final FoldedBatchNorm foldedRight;
    private final Linear offset;
    private final Linear paramsLeft;
    private final Linear paramsRight;

    InitRegressor(int channels) {
        manoRight = child("mano_layer_right", new ManoPcaLayer(HandSide.RIGHT));
        manoLeft = child("mano_layer_left", new ManoPcaLayer(HandSide.LEFT));
        attentionLeft = child("attention_left", attention(channels));
        attentionRight = child("attention_right", attention(channels));
        foldedLeft = folded(attentionLeft);
        foldedRight = folded(attentionRight);
        offset = child("offset", new Linear(channels, 3));
        paramsLeft = child("mano_left", new Linear(channels, DirHand.SIZE));
        paramsRight = child("mano_right", new Linear(channels, DirHand.SIZE));
    }

    private static Sequential attention(int c) {
        // index 4 (the sigmoid) has no parameters: applied in run()
        return new Sequential(new Conv2d(c, c / 2, 3, 1, 1, true), new BatchNorm2d(c / 2), Functional.relu(),
            new Conv2d(c / 2, 1, 1, 1, 0, true));
    }

    private static FoldedBatchNorm folded(Sequential attention) {
        return new FoldedBatchNorm((Conv2d) attention.get(0), (BatchNorm2d) attention.get(1));
    }

    /**
     * From now until the next forward pass in training mode, runs each attention's 3 x 3 convolution and batch norm
     * as one convolution ({@link FoldedBatchNorm}), with tensors made on {@code manager} from the current weights.
     */
    void foldBatchNorms(NDManager manager) {
        foldedLeft.fold(manager);
        foldedRight.fold(manager);
    }

    DirStage run(ParameterStore store, NDArray features, boolean training) {
        NDArray mean = features.mean(new int[] {-1}).mean(new int[] {-1});
        NDArray off = Forward.of(offset, store, mean, training);
        DirHand left = DirHand.decode(manoLeft, Forward.of(paramsLeft, store, pool(attentionLeft, foldedLeft, store,
            features, training), training), store, training);
        DirHand right = DirHand.decode(manoRight, Forward.of(paramsRight, store, pool(attentionRight, foldedRight,
            store, features, training), training), store, training);
        return new DirStage(left, right, off);
    }

    private static NDArray pool(Sequential attention, FoldedBatchNorm folded, ParameterStore store, NDArray f,
                                boolean training) {
        // the folded pair runs the unfolded layers itself unless folded and not training
        NDArray h = Activation.relu(folded.forward(store, f, training));
        NDArray a = Activation.sigmoid(Forward.of((TorchModule) attention.get(3), store, h, training));
        return f.mul(a).sum(new int[] {-1}).sum(new int[] {-1}).div(a.sum(new int[] {-1}).sum(new int[] {-1}).add(EPS));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        DirStage s = run(store, inputs.singletonOrThrow(), training);
        return new NDList(s.left().parameters(), s.right().parameters(), s.offset());
    }
}
