package org.ambidex.hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * Batched inputs of the {@link HandLayer} forward pass, as DJL arrays (mark any of them with
 * {@code setRequiresGradient(true)} to differentiate with respect to it). B is the batch size.
 *
 * @param betas shape coefficients (B,n), 1 &le; n &le; the model's shape count (MANO: 10); null means zeros
 * @param globalOrient rotation of the root joint about the rest wrist joint: axis-angle (B,3), 6-D (B,6) with
 *     columns as in manopth's {@code rot6d}, or a rotation matrix (B,3,3); the shape says which
 * @param handPose the finger pose (B,45) axis-angle or (B,n) PCA coefficients, as {@code handPoseKind} says
 * @param handPoseKind how {@code handPose} is expressed
 * @param transl translation added to vertices and joints (B,3), metres; null means zeros
 * @param flatHandMean when false, {@code hands_mean} is added to the finger pose (the smplx default and the
 *     InterHand2.6M convention); when true the finger pose is used as given (manopth's default)
 */
public record HandParams(NDArray betas, NDArray globalOrient, NDArray handPose, HandPoseKind handPoseKind,
                         NDArray transl, boolean flatHandMean) {

    public HandParams {
        Objects.requireNonNull(globalOrient, "globalOrient");
        Objects.requireNonNull(handPose, "handPose");
        Objects.requireNonNull(handPoseKind, "handPoseKind");
        long b = globalOrient.getShape().get(0);
        Shape g = globalOrient.getShape();
        boolean gOk = (g.dimension() == 2 && (g.get(1) == 3 || g.get(1) == 6))
            || (g.dimension() == 3 && g.get(1) == 3 && g.get(2) == 3);
        if (!gOk) {
            throw new IllegalArgumentException("globalOrient must be (B,3) axis-angle, (B,6) 6-D or (B,3,3), got " + g);
        }
        Shape h = handPose.getShape();
        if (h.dimension() != 2 || h.get(0) != b) {
            throw new IllegalArgumentException("handPose must be (" + b + ",n), got " + h);
        }
        if (handPoseKind == HandPoseKind.AXIS_ANGLE && h.get(1) != HandModel.HAND_POSE_SIZE) {
            throw new IllegalArgumentException("an axis-angle handPose needs 45 values per hand, got " + h.get(1));
        }
        if (handPoseKind == HandPoseKind.PCA && (h.get(1) < 1 || h.get(1) > HandModel.HAND_POSE_SIZE)) {
            throw new IllegalArgumentException("a PCA handPose needs 1..45 coefficients per hand, got " + h.get(1));
        }
        if (betas != null) {
            Shape s = betas.getShape();
            if (s.dimension() != 2 || s.get(0) != b || s.get(1) < 1) {
                throw new IllegalArgumentException("betas must be (" + b + ",n) with n >= 1, got " + s);
            }
        }
        if (transl != null && !transl.getShape().equals(new Shape(b, 3))) {
            throw new IllegalArgumentException("transl must be (" + b + ",3), got " + transl.getShape());
        }
    }

    /** Axis-angle finger pose without shape and translation. */
    public static HandParams axisAngle(NDArray globalOrient, NDArray handPose, boolean flatHandMean) {
        return new HandParams(null, globalOrient, handPose, HandPoseKind.AXIS_ANGLE, null, flatHandMean);
    }

    /** PCA finger pose without shape and translation. */
    public static HandParams pca(NDArray globalOrient, NDArray coefficients, boolean flatHandMean) {
        return new HandParams(null, globalOrient, coefficients, HandPoseKind.PCA, null, flatHandMean);
    }

    public HandParams withBetas(NDArray newBetas) {
        return new HandParams(newBetas, globalOrient, handPose, handPoseKind, transl, flatHandMean);
    }

    public HandParams withTransl(NDArray newTransl) {
        return new HandParams(betas, globalOrient, handPose, handPoseKind, newTransl, flatHandMean);
    }

    /** Batch size B. */
    public long batchSize() {
        return globalOrient.getShape().get(0);
    }

    /** The non-null input arrays. */
    NDList arrays() {
        NDList list = new NDList(globalOrient, handPose);
        if (betas != null) {
            list.add(betas);
        }
        if (transl != null) {
            list.add(transl);
        }
        return list;
    }
}
