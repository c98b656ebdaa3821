package org.ambidex.eval;

import java.util.BitSet;
import java.util.List;
import org.ambidex.core.Progress;

/**
 * The {@code hand2d} protocol: 2-D hand keypoints scored as mmpose scores its hand datasets (COCO-WholeBody-Hand,
 * OneHand10K, CMU Panoptic hand, FreiHAND 2-D; their configs' {@code val_evaluator} is
 * {@code [PCKAccuracy(thr=0.2), AUC(), EPE()]}), from mmpose/evaluation/functional/keypoint_eval.py and
 * mmpose/evaluation/metrics/keypoint_2d_metrics.py:
 * <ul>
 * <li>distances per keypoint in pixels of the original image, float32 as {@code _calc_distances} keeps them
 *     ({@link MmposeDistances}), for keypoints whose visibility flag is non-zero only;</li>
 * <li>PCK ({@code keypoint_pck_accuracy} with {@code norm_item='bbox'}): each distance divided by its instance's
 *     box size {@code max(x2 - x1, y2 - y1)} (a {@link HandKeypointTruth#boxSize()}); per keypoint, the fraction of
 *     its distances strictly below {@code pckThreshold}; PCK = the mean of the per-keypoint fractions over keypoints
 *     with at least one distance;</li>
 * <li>AUC ({@code keypoint_auc}): distances divided by {@code aucNormPixels}, PCK as above at the thresholds
 *     {@code i / aucSteps} for {@code i = 0 .. aucSteps - 1} (0 to 28.5 px by 1.5 px for 30 and 20; 30 px itself is
 *     not among them), AUC = {@code sum of PCK_i / aucSteps}: a left Riemann sum whose first term is 0;</li>
 * <li>EPE ({@code keypoint_epe}): the mean of all pixel distances.</li>
 * </ul>
 * Where ambidex differs, and why: mmpose's top-down evaluation predicts every instance; here an instance without a
 * predicted hand counts as a miss at every threshold of PCK and AUC (an infinite distance) and is left out of EPE,
 * and the report counts such instances. EPE sums the float32 distances in double precision (NumPy sums the float32
 * array in float32; the two differ by about 1e-7 relatively). With no data at all a number is reported as
 * {@code null} where mmpose gives 0.
 *
 * <p>Which predicted hand answers an instance: the prediction whose sample id is the instance id; of its hands, the
 * one of the instance's side when the side is annotated (COCO-WholeBody), else the one with the higher presence
 * (the right one on a tie) or the only one. Supplementary (not mmpose's): the numbers per side, per-keypoint PCK and
 * EPE, and for annotated sides the handedness accuracy (the side whose presence is higher must be the annotated
 * one).
 *
 * @param pckThreshold PCK threshold as a fraction of the box size (mmpose's hand configs: 0.2)
 * @param aucNormPixels AUC's normalisation length in pixels ({@code AUC.norm_factor}, default 30)
 * @param aucSteps number of AUC thresholds ({@code AUC.num_thrs}, default 20)
 */
public record Hand2dProtocol(double pckThreshold, double aucNormPixels, int aucSteps) {

    public static final String NAME = "hand2d";

    /** mmpose's settings for its hand datasets. */
    public static final Hand2dProtocol MMPOSE = new Hand2dProtocol(0.2, 30, 20);

    public Hand2dProtocol {
        if (!(pckThreshold > 0) || !(aucNormPixels > 0) || !Double.isFinite(pckThreshold)
            || !Double.isFinite(aucNormPixels) || aucSteps < 1) {
            throw new IllegalArgumentException("hand2d needs a positive PCK threshold and AUC length and at least one "
                + "AUC threshold, got " + pckThreshold + ", " + aucNormPixels + ", " + aucSteps);
        }
    }

    /** The AUC thresholds on distances divided by {@link #aucNormPixels()}: {@code i / aucSteps}. */
    public double[] aucThresholds() {
        double[] t = new double[aucSteps];
        for (int i = 0; i < aucSteps; i++) {
            t[i] = 1.0 * i / aucSteps;
        }
        return t;
    }

    /** The AUC thresholds in pixels ({@code aucNormPixels * i / aucSteps}), for curves. */
    public double[] aucThresholdPixels() {
        double[] t = aucThresholds();
        for (int i = 0; i < t.length; i++) {
            t[i] *= aucNormPixels;
        }
        return t;
    }

    /**
     * Scores {@code predictions} (streamed once, any order) against every instance of {@code truth}; instances
     * with a {@link HandKeypointTruth#leftOut()} reason are counted, not scored.
     *
     * @throws IllegalArgumentException when two instances or two predictions share an id, or the hand that answers
     *     an instance has no {@code joints_2d}
     */
    public EvalReport evaluate(List<HandKeypointTruth> truth, Iterable<Prediction> predictions) {
        try (Progress progress = Progress.start("evaluating " + NAME, truth.size())) {
            return evaluate(truth, predictions, progress);
        }
    }

    /** As {@link #evaluate(List, Iterable)}, reporting to {@code progress} (one step a matched prediction). */
    public EvalReport evaluate(List<HandKeypointTruth> truth, Iterable<Prediction> predictions, Progress progress) {
        IdMatching matching = new IdMatching(truth.size(), i -> truth.get(i).id());
        Hand2dRun run = new Hand2dRun(this);
        BitSet answered = new BitSet(truth.size());
        IdMatching.Result r = matching.run(predictions, (p, i) -> {
            answered.set(i);
            run.add(truth.get(i), p);
        }, progress);
        for (int i = answered.nextClearBit(0); i < truth.size(); i = answered.nextClearBit(i + 1)) {
            run.add(truth.get(i), null);
        }
        return run.finish(r);
    }
}
