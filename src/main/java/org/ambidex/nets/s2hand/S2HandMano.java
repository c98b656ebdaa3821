package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.hand.JointOrder;
import org.ambidex.tensor.Scalars;

/**
 * S2HAND's MANO variant ({@code rot_pose_beta_to_mesh}) on the shared {@link HandLayer}: the right MANO model with
 * the finger pose {@code hands_mean + coefficients . hands_components[:30]}, the root rotation fixed to the
 * axis-angle (pi, 0, 0) about the wrist, mean shape (betas zero, as the reference's {@code use_mean_shape}), the
 * fingertips at vertices 744, 320, 443, 555, 672 ({@link FingertipSet#S2HAND}); then the predicted axis-angle
 * rotation about the model's origin, and {@code trans + |scale| * point}.
 *
 * <p>Output: joints (B, 21, 3) in the OpenPose/FreiHAND order (the reference's {@code Mano2Frei}) and vertices
 * (B, 778, 3), metres in the camera frame. Differentiable.
 */
public final class S2HandMano implements AutoCloseable {

    private static final float ROOT_ANGLE = (float) Math.PI;

    private final HandLayer layer;

    /** A layer of {@code rightHand} (the official MANO_RIGHT) with its constants in a sub-manager of {@code manager}. */
    public S2HandMano(HandModel rightHand, NDManager manager) {
        this.layer = new HandLayer(rightHand, manager, DataType.FLOAT32);
    }

    public HandModel model() {
        return layer.model();
    }

    /**
     * Poses the hand.
     *
     * @param coefficients PCA coefficients (B, 30)
     * @param rot axis-angle (B, 3) applied after skinning, about the origin
     * @param scale (B, 1), its absolute value used
     * @param trans (B, 3) metres
     * @return joints (B, 21, 3) OpenPose order and vertices (B, 778, 3)
     */
    public NDList forward(NDArray coefficients, NDArray rot, NDArray scale, NDArray trans) {
        long b = coefficients.getShape().get(0);
        NDManager m = coefficients.getManager();
        NDArray root = m.zeros(new Shape(b, 3)).add(m.create(new float[] {ROOT_ANGLE, 0, 0}));
        try (HandOutput out = layer.forward(HandParams.pca(root, coefficients, false), FingertipSet.S2HAND,
            JointOrder.OPENPOSE)) {
            NDArray r = rodrigues(rot); // (B,3,3)
            NDArray s = scale.abs().reshape(b, 1, 1);
            NDArray t = trans.reshape(b, 1, 3);
            NDArray joints = out.keypoints().matMul(r.transpose(0, 2, 1)).mul(s).add(t);
            NDArray vertices = out.vertices().matMul(r.transpose(0, 2, 1)).mul(s).add(t);
            return new NDList(joints, vertices);
        }
    }

    /**
     * The 16 joint rotations the layer applies, as axis-angles (B, 16, 3): the fixed root (pi, 0, 0), then
     * {@code hands_mean + coefficients . hands_components[:n]} per finger joint (the reference's {@code tsa_poses}).
     *
     * @param coefficients PCA coefficients (B, n)
     */
    public NDArray poses(NDArray coefficients) {
        long b = coefficients.getShape().get(0);
        int n = (int) coefficients.getShape().get(1);
        NDManager m = coefficients.getManager();
        float[] all = layer.model().handsComponents().toFloatArray();
        NDArray components = m.create(java.util.Arrays.copyOf(all, n * 45), new Shape(n, 45));
        NDArray mean = m.create(layer.model().handsMean().toFloatArray());
        NDArray fingers = coefficients.matMul(components).add(mean).reshape(b, 15, 3);
        NDArray root = m.zeros(new Shape(b, 1, 3)).add(m.create(new float[] {ROOT_ANGLE, 0, 0}));
        return NDArrays.concat(new NDList(root, fingers), 1);
    }

    /**
     * Rotation matrices (B, 3, 3) of axis-angle vectors (B, 3) as the reference's {@code rodrigues}: the angle is
     * the plain norm (no epsilon); a zero vector gives the identity, as its series branch does.
     */
    static NDArray rodrigues(NDArray r) {
        long b = r.getShape().get(0);
        NDArray theta = r.square().sum(new int[] {1}, true).sqrt(); // (B,1)
        NDArray n = r.div(Scalars.maximum(theta, 1e-30f));
        NDArray zero = n.get(":, 0:1").zerosLike();
        NDArray nx = n.get(":, 0:1");
        NDArray ny = n.get(":, 1:2");
        NDArray nz = n.get(":, 2:3");
        NDArray k = NDArrays.concat(new NDList(zero, nz.neg(), ny, nz, zero, nx.neg(), ny.neg(), nx, zero), 1).reshape(b, 3, 3);
        NDArray sin = theta.sin().reshape(b, 1, 1);
        NDArray oneMinusCos = theta.cos().neg().add(1f).reshape(b, 1, 1);
        NDArray eye = r.getManager().eye(3).expandDims(0);
        return eye.add(k.mul(sin)).add(k.matMul(k).mul(oneMinusCos));
    }

    @Override
    public void close() {
        layer.close();
    }
}
