package org.ambidex.nets.twohand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Functional;
import org.ambidex.nets.Linear;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;
import org.ambidex.tensor.Scalars;

/**
 * One refinement stage: for each hand, the neck features under the previous stage's projected joints
 * (reduced to a few channels per joint), the hand's attention-pooled feature, its dense 2.5-D joints, both hands' previous vectors and
 * the previous placement go through an MLP that predicts a residual update of the hand's vector; a second MLP
 * updates the placement from the global feature and both vectors. Previous estimates enter detached, as in
 * DIR's regressor, so each stage learns a correction rather than re-learning the earlier stages.
 *
 * <p>Module names: {@code joint_{right,left}} (Linear C to J), {@code mlp_{right,left}} (Sequential Linear, ReLU,
 * Linear, ReLU, Linear to 64), {@code offset} (Sequential Linear, ReLU, Linear to 3).
 */
final class RefineStage extends TorchModule {

    private final Linear[] joint = new Linear[2];
    private final Sequential[] mlp = new Sequential[2];
    private final Sequential offset;
    private final int jointChannels;

    RefineStage(int channels, int neckChannels, int jointChannels, int hidden) {
        this.jointChannels = jointChannels;
        int in = 21 * jointChannels + channels + TwoHandNet.JOINT_INPUTS + 2 * HandVector.SIZE + 3;
        String[] names = {"right", "left"};
        for (int h = 0; h < 2; h++) {
            joint[h] = child("joint_" + names[h], new Linear(neckChannels, jointChannels));
        }
        for (int h = 0; h < 2; h++) {
            mlp[h] = child("mlp_" + names[h], new Sequential(new Linear(in, hidden), Functional.relu(),
                new Linear(hidden, hidden), Functional.relu(), new Linear(hidden, HandVector.SIZE)));
        }
        offset = child("offset", new Sequential(new Linear(channels + 2 * HandVector.SIZE + 3, hidden),
            Functional.relu(), new Linear(hidden, 3)));
    }

    /**
     * The updated vectors (B,2,64) and placement (B,3).
     *
     * @param neck the dense head's neck map (B,N,h,w)
     * @param dense per hand, the dense head's joints flattened (B,63): 21 (u, v) then 21 depths
     * @param pooled per-hand attention-pooled features, each (B,C)
     * @param global mean-pooled features (B,C)
     * @param vectors previous vectors (B,2,64)
     * @param uv previous projected joints of each hand, each (B,21,2)
     * @param placement previous placement (B,3), metres
     */
    NDList refine(ParameterStore store, boolean training, PairList<String, Object> params, NDArray neck,
                  NDArray[] dense, NDArray[] pooled, NDArray global, NDArray vectors, NDArray[] uv, NDArray placement) {
        long b = neck.getShape().get(0);
        NDArray prev = vectors.stopGradient();
        NDArray prevPlacement = placement.stopGradient();
        NDArray[] own = {prev.get(":, 0, :"), prev.get(":, 1, :")};
        NDList updated = new NDList();
        for (int h = 0; h < 2; h++) {
            NDArray sampled = JointFeatureSampler.sample(neck, uv[h].stopGradient()); // (B,21,N)
            NDArray reduced = joint[h].forward(store, new NDList(sampled), training, params).singletonOrThrow()
                .reshape(b, 21L * jointChannels);
            NDArray in = NDArrays.concat(new NDList(reduced, pooled[h], dense[h], own[h], own[1 - h], prevPlacement), 1);
            NDArray delta = mlp[h].forward(store, new NDList(in), training, params).singletonOrThrow();
            updated.add(own[h].add(delta));
        }
        NDArray offsetIn = NDArrays.concat(new NDList(global, own[0], own[1], prevPlacement), 1);
        NDArray offsetDelta = offset.forward(store, new NDList(offsetIn), training, params).singletonOrThrow();
        return new NDList(NDArrays.stack(updated, 1), prevPlacement.add(Scalars.mul(offsetDelta, (float) TwoHandNet.PLACEMENT_UNIT)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        throw new UnsupportedOperationException("a refinement stage runs inside TwoHandNet");
    }
}
