package org.ambidex.hand;

import ai.djl.ndarray.NDArray;

/**
 * Batched outputs of the {@link HandLayer} forward pass (metres; B the batch size, V the model's vertex count).
 * The arrays live in the manager of the inputs' global orientation; closing this output closes them.
 *
 * @param vertices posed mesh (B,V,3), translation included
 * @param joints16 posed joints (B,16,3) in {@link JointOrder#MANO16}, translation included
 * @param keypoints the 16 joints and the 5 fingertip vertices of {@code tips}, in {@code keypointOrder}
 *     (B,21,3), or (B,16,3) for {@link JointOrder#MANO16}
 * @param keypointOrder the order of {@code keypoints}
 * @param tips the fingertip set used
 * @param localRotations the rotation of each joint relative to its parent (B,16,3,3), MANO order, hand mean
 *     included (joint 0: the global orientation)
 * @param skinningTransforms the linear-blend-skinning transforms (B,16,4,4): global rigid transform of each
 *     joint with its rest position removed ({@code [Rg | tg - Rg J_rest]}), before translation
 */
public record HandOutput(NDArray vertices, NDArray joints16, NDArray keypoints, JointOrder keypointOrder,
                         FingertipSet tips, NDArray localRotations, NDArray skinningTransforms)
    implements AutoCloseable {

    @Override
    public void close() {
        vertices.close();
        joints16.close();
        keypoints.close();
        localRotations.close();
        skinningTransforms.close();
    }
}
