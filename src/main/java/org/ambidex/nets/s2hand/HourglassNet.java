package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.Functional;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * S2HAND's stacked hourglass ({@code Net_HM_HG(21, num_stages=2, num_modules=2, num_feats=256)} of
 * {@code utils/net_hg.py}, after Newell et al. 2016): a 7 x 7 stride-2 convolution, batch norm, ReLU, residual
 * 64 -> 128, 2 x 2 max pooling, residuals 128 -> 128 -> 256, then per stage an hourglass of depth 4, two residuals,
 * a 1 x 1 convolution with batch norm and ReLU ({@code lin_}) and the 1 x 1 heat-map convolution ({@code tmpOut});
 * between stages the features gain {@code ll_} of the stage's features and {@code tmpOut_} of its heat maps.
 * Input (B, 3, 256, 256); output one heat-map array (B, 21, 64, 64) per stage, first stage first.
 */
final class HourglassNet extends TorchModule {

    static final int JOINTS = 21;
    static final int STAGES = 2;
    static final int MODULES = 2;
    static final int FEATURES = 256;
    /** Depth of each hourglass. */
    static final int DEPTH = 4;

    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final HourglassResidual r1;
    private final HourglassResidual r4;
    private final HourglassResidual r5;
    private final Sequential hourglass;
    private final Sequential residual;
    private final Sequential lin;
    private final Sequential tmpOut;
    private final Sequential ll;
    private final Sequential tmpOutBack;

    HourglassNet() {
        conv1 = child("conv1_", new Conv2d(3, 64, 7, 2, 3, true));
        bn1 = child("bn1", new BatchNorm2d(64));
        r1 = child("r1", new HourglassResidual(64, 128));
        r4 = child("r4", new HourglassResidual(128, 128));
        r5 = child("r5", new HourglassResidual(128, FEATURES));
        Block[] glasses = new Block[STAGES];
        Block[] residuals = new Block[STAGES * MODULES];
        Block[] lins = new Block[STAGES];
        Block[] outs = new Block[STAGES];
        Block[] lls = new Block[STAGES - 1];
        Block[] backs = new Block[STAGES - 1];
        for (int i = 0; i < STAGES; i++) {
            glasses[i] = new Hourglass(DEPTH, MODULES, FEATURES);
            for (int j = 0; j < MODULES; j++) {
                residuals[i * MODULES + j] = new HourglassResidual(FEATURES, FEATURES);
            }
            lins[i] = new Sequential(new Conv2d(FEATURES, FEATURES, 1, 1, 0, true), new BatchNorm2d(FEATURES),
                Functional.relu());
            outs[i] = new Conv2d(FEATURES, JOINTS, 1, 1, 0, true);
            if (i < STAGES - 1) {
                lls[i] = new Conv2d(FEATURES, FEATURES, 1, 1, 0, true);
                backs[i] = new Conv2d(JOINTS, FEATURES, 1, 1, 0, true);
            }
        }
        hourglass = child("hourglass", new Sequential(glasses));
        residual = child("Residual", new Sequential(residuals));
        lin = child("lin_", new Sequential(lins));
        tmpOut = child("tmpOut", new Sequential(outs));
        ll = child("ll_", new Sequential(lls));
        tmpOutBack = child("tmpOut_", new Sequential(backs));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = HourglassResidual.run(conv1, store, inputs.singletonOrThrow(), training, params);
        x = Activation.relu(HourglassResidual.run(bn1, store, x, training, params));
        x = HourglassResidual.run(r1, store, x, training, params);
        x = Hourglass.maxPool2(x);
        x = HourglassResidual.run(r4, store, x, training, params);
        x = HourglassResidual.run(r5, store, x, training, params);
        NDList maps = new NDList(STAGES);
        for (int i = 0; i < STAGES; i++) {
            NDArray y = HourglassResidual.run(hourglass.get(i), store, x, training, params);
            for (int j = 0; j < MODULES; j++) {
                y = HourglassResidual.run(residual.get(i * MODULES + j), store, y, training, params);
            }
            y = HourglassResidual.run(lin.get(i), store, y, training, params);
            NDArray heat = HourglassResidual.run(tmpOut.get(i), store, y, training, params);
            maps.add(heat);
            if (i < STAGES - 1) {
                x = x.add(HourglassResidual.run(ll.get(i), store, y, training, params))
                    .add(HourglassResidual.run(tmpOutBack.get(i), store, heat, training, params));
            }
        }
        return maps;
    }
}
