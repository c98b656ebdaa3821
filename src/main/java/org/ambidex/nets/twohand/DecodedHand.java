package org.ambidex.nets.twohand;

import ai.djl.ndarray.NDArray;

/**
 * One hand decoded from its parameter vectors by the hand layer (B the batch size, V the model's vertices).
 * Arrays belong to the manager of the parameter vectors.
 *
 * @param joints root-relative joints (B,21,3), metres, OpenPose order, root = wrist (joint 0)
 * @param vertices root-relative vertices (B,V,3), metres
 * @param uv weak-perspective projection of the joints (B,21,2), normalised crop coordinates in [-1, 1]
 * @param rotation root rotation matrix (B,3,3), camera frame
 * @param scale weak-perspective scale (B,1), 1/metres
 * @param rootUv the root's normalised crop coordinates (B,2)
 * @param wrist the wrist as the hand layer places it without translation (B,3), metres (so the layer's
 *     {@code transl} that puts the wrist at {@code p} is {@code p - wrist})
 */
public record DecodedHand(NDArray joints, NDArray vertices, NDArray uv, NDArray rotation, NDArray scale,
                          NDArray rootUv, NDArray wrist) {
}
