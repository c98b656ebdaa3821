package org.ambidex.train.s2hand;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.ambidex.tensor.Scalars;

/**
 * S2HAND's terms on the heat-map branch's integral joints, as the official {@code traineval_util.loss_func}
 * computes them, each multiplied by its reference weight. Joints are (B, 21, 2) pixels in the OpenPose/FreiHAND
 * order; every term is a scalar array differentiable with respect to the joints.
 *
 * <ul>
 *   <li>{@link #integral}: {@code hm_integral}, for each stage the distance of its joints to the detected keypoints
 *       weighted by the squared detection confidence, summed over the stages, times {@code lambda_hm} 1e-3;
 *   <li>{@link #consistency}: {@code kp_cons}, the mean robust distance ({@link S2HandLosses#robust}: quadratic
 *       below 5 px, linear above) between the last stage's joints and the projected 3-D joints, unweighted, times
 *       {@code lambda_kp_cons} 2e-4. Both sides get its gradient: the reference detaches neither.
 * </ul>
 */
public final class S2HandHeatmapLosses {

    /** {@code lambda_hm}, the reference's default. */
    public static final double INTEGRAL_WEIGHT = 1e-3;
    /** {@code lambda_kp_cons}, the reference's default. */
    public static final double CONSISTENCY_WEIGHT = 2e-4;

    private S2HandHeatmapLosses() {
    }

    /**
     * @param stageJoints each stage's integral joints, pixels (B, 21, 2), first stage first
     * @param detected detected keypoints, pixels (B, 21, 2)
     * @param confidence detection confidences (B, 21)
     */
    public static NDArray integral(List<NDArray> stageJoints, NDArray detected, NDArray confidence) {
        NDArray w = confidence.square();
        NDArray weightSum = w.sum();
        NDArray total = null;
        for (NDArray joints : stageJoints) {
            NDArray stage = S2HandLosses.norm(detected.sub(joints), 2, false).mul(w).sum().div(weightSum);
            total = total == null ? stage : total.add(stage);
        }
        if (total == null) {
            throw new IllegalArgumentException("no stage joints");
        }
        return Scalars.mul(total, (float) INTEGRAL_WEIGHT);
    }

    /**
     * @param lastStageJoints the last stage's integral joints, pixels (B, 21, 2)
     * @param projected the predicted 3-D joints projected to the crop, pixels (B, 21, 2)
     */
    public static NDArray consistency(NDArray lastStageJoints, NDArray projected) {
        NDArray d = S2HandLosses.norm(lastStageJoints.sub(projected), 2, false);
        return Scalars.mul(S2HandLosses.robust(d).mean(), (float) CONSISTENCY_WEIGHT);
    }
}
