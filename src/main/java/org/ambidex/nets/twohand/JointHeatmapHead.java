package org.ambidex.nets.twohand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.Functional;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;
import org.ambidex.tensor.Scalars;

/**
 * Dense 2.5-D joint estimation on a stride-8 map: a small feature pyramid merges the backbone's layer2, layer3
 * and layer4 outputs (1x1 lateral convolutions, nearest upsampling, sum, then Conv3x3 + BatchNorm + ReLU) into
 * the neck map N (B,{@value #CHANNELS},S/8,S/8); a 1x1 convolution gives, per hand and joint, a heatmap logit
 * map and a depth map. Each joint's position is the expectation of the spatial softmax of its logits, its depth
 * the softmax-weighted mean of its depth map. Training supervises the softmax itself (cross-entropy against a
 * Gaussian about the annotated joint): through the expectation alone the gradient of a near-uniform softmax is
 * too weak for a network trained from scratch to start locating joints.
 *
 * <p>Dense supervision is what lets a network trained from scratch locate the joints at all: regressing hand
 * parameters from globally pooled features alone stayed at the constant predictor's loss (docs/MODELS.md).
 *
 * <p>Module names: {@code lateral2}, {@code lateral3}, {@code lateral4}, {@code smooth} (Sequential Conv, BN,
 * ReLU), {@code out} (Conv1x1 to 2 x 2 x 21 channels: logits of the right hand's 21 joints, the left hand's,
 * then their depths).
 */
final class JointHeatmapHead extends TorchModule {

    /** Channels of the neck map. */
    static final int CHANNELS = 64;

    private final Conv2d[] lateral = new Conv2d[3];
    private final Sequential smooth;
    private final Conv2d out;

    /** A head over a backbone whose layer2..layer4 have {@code channels[0..2]} channels. */
    JointHeatmapHead(int[] channels) {
        for (int i = 0; i < 3; i++) {
            lateral[i] = child("lateral" + (i + 2), new Conv2d(channels[i], CHANNELS, 1, 1, 0, true));
        }
        smooth = child("smooth", new Sequential(new Conv2d(CHANNELS, CHANNELS, 3, 1, 1, false),
            new BatchNorm2d(CHANNELS), Functional.relu()));
        out = child("out", new Conv2d(CHANNELS, 4 * 21, 1, 1, 0, true));
    }

    /**
     * The head's outputs.
     *
     * @param neck the neck map (B,C,h,w)
     * @param uv joints (B,2,21,2) in [-1,1] input coordinates
     * @param depth joint depths minus the wrist's (B,2,21)
     * @param logProb log of each joint's spatial softmax (B,42,h*w), row-major cells
     * @param depthMaps each joint's depth map (B,42,h*w)
     */
    record Result(NDArray neck, NDArray uv, NDArray depth, NDArray logProb, NDArray depthMaps) {
    }

    /** Centres of the cells of an h x w map in [-1,1] input coordinates, row-major: (h*w, 2) as (u, v). */
    static NDArray cellCentres(ai.djl.ndarray.NDManager manager, long h, long w) {
        NDArray xs = Scalars.mul(manager.arange(0f, (float) w, 1f, DataType.FLOAT32).add(0.5f), 2f / w).sub(1f);
        NDArray ys = Scalars.mul(manager.arange(0f, (float) h, 1f, DataType.FLOAT32).add(0.5f), 2f / h).sub(1f);
        NDArray gridX = xs.reshape(1, w).repeat(0, h).reshape(h * w, 1);
        NDArray gridY = ys.reshape(h, 1).repeat(1, w).reshape(h * w, 1);
        return gridX.concat(gridY, 1);
    }

    /** Runs the head on the backbone's layer1..layer4 outputs. */
    Result run(ParameterStore store, NDList levels, boolean training) {
        PairList<String, Object> params = null;
        NDArray x = lateral[2].forward(store, new NDList(levels.get(3)), training, params).singletonOrThrow();
        for (int i = 1; i >= 0; i--) {
            x = x.repeat(2, 2).repeat(3, 2)
                .add(lateral[i].forward(store, new NDList(levels.get(i + 1)), training, params).singletonOrThrow());
        }
        NDArray neck = smooth.forward(store, new NDList(x), training, params).singletonOrThrow();
        NDArray maps = out.forward(store, new NDList(neck), training, params).singletonOrThrow();
        long b = maps.getShape().get(0);
        long h = maps.getShape().get(2);
        long w = maps.getShape().get(3);
        NDArray logits = maps.get(":, 0:42, :, :").reshape(b, 42, h * w);
        NDArray depthMaps = maps.get(":, 42:84, :, :").reshape(b, 42, h * w);
        NDArray logProb = logits.logSoftmax(2);                                      // (B,42,hw)
        NDArray prob = logProb.exp();
        NDArray uv = prob.matMul(cellCentres(neck.getManager(), h, w)).reshape(b, 2, 21, 2);
        NDArray depth = prob.mul(depthMaps).sum(new int[] {2}).reshape(b, 2, 21);
        return new Result(neck, uv, depth, logProb, depthMaps);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        throw new UnsupportedOperationException("the heatmap head runs inside TwoHandNet");
    }
}
