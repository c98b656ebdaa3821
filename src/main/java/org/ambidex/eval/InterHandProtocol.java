package org.ambidex.eval;

import java.util.ArrayList;
import java.util.List;
import org.ambidex.data.HandType;
import org.ambidex.geom.SimilarityAlignment;
import org.ambidex.geom.SimilarityTransform;
import org.ambidex.geom.Vec3;

/**
 * InterHand2.6M's official {@code Dataset.evaluate} for InterNet (SEED_SPEC.md C.1), on camera-frame joints:
 * <ul>
 * <li>joint validity is the annotation's, multiplied by the hand's wrist validity;</li>
 * <li>each hand is root-aligned on its wrist (prediction on the predicted wrist, ground truth on the true one);
 *     no scale, rotation or Procrustes;</li>
 * <li>MPJPE is the mean over joints of each joint's mean error (not the mean over joint instances), for single,
 *     interacting and all frames;</li>
 * <li>MRRPE: over interacting frames with both wrists valid, the distance between the predicted and true
 *     left-minus-right wrist vectors;</li>
 * <li>handedness accuracy over frames with a valid hand type: right needs p(right) > 0.5 and p(left) < 0.5,
 *     left the opposite, interacting both > 0.5.</li>
 * </ul>
 * The heatmap decoding of InterNet (bins, inverse crop transform, RootNet depth) happens before this, where the
 * network's outputs are turned into camera-frame joints. Supplementary: PCK curves and AUC, and the MPJPE after a
 * per-hand Procrustes alignment (scale, rotation, translation over the hand's valid joints; PA-MPJPE, as FreiHAND
 * reports it), whose gap to the wrist-aligned MPJPE is the part of the error due to each hand's global rotation and
 * size.
 *
 * @param thresholds PCK thresholds of the supplementary curves
 */
public record InterHandProtocol(PckThresholds thresholds) implements Protocol {

    public static final String NAME = "interhand";

    /** The supplementary alignment: least-squares scale, proper rotation and translation. */
    private static final Alignment PROCRUSTES = new Alignment.Procrustes(SimilarityAlignment.Reflection.PROPER_ROTATION);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Run start() {
        return new InterHandRun();
    }

    private final class InterHandRun extends ProtocolRun {
        private final JointErrorTable joints = new JointErrorTable(Hands.JOINTS, thresholds);
        private final JointErrorTable procrustes = new JointErrorTable(Hands.JOINTS, thresholds);
        private double mrrpeSum;
        private long mrrpeCount;
        private long mrrpeMissing;
        private long handednessCorrect;
        private long handednessCount;

        @Override
        public void add(GroundTruthSample truth, Prediction prediction) {
            countFrame(truth);
            addPredicted2d(truth, prediction);
            Split frames = Split.of(truth.handType());
            for (int h = 0; h < 2; h++) {
                HandTruth gt = truth.hand(h);
                if (gt == null || !gt.valid(Hands.WRIST)) {
                    continue; // every joint of a hand with an invalid wrist is invalid (A.9 step 2)
                }
                HandPrediction pred = prediction.hand(h);
                if (pred == null) {
                    handsWithoutPrediction++;
                    continue;
                }
                SimilarityTransform t = Alignment.WRIST.fit(gt.jointsView(), pred.jointsView(), null);
                addJoints(joints, frames, h, gt.jointsView(), t.applyToPoints(pred.jointsView()), gt.jointValid());
                SimilarityTransform pa = PROCRUSTES.fit(gt.jointsView(), pred.jointsView(), gt.jointValid());
                addJoints(procrustes, frames, h, gt.jointsView(), pa.applyToPoints(pred.jointsView()), gt.jointValid());
            }
            HandTruth right = truth.right();
            HandTruth left = truth.left();
            if (truth.handType() == HandType.INTERACTING && right != null && left != null
                && right.valid(Hands.WRIST) && left.valid(Hands.WRIST)) {
                Vec3 predicted = prediction.leftMinusRightWrist();
                if (predicted == null) {
                    mrrpeMissing++;
                } else {
                    Vec3 actual = Vec3.of(left.jointsView(), 3 * Hands.WRIST)
                        .minus(Vec3.of(right.jointsView(), 3 * Hands.WRIST));
                    mrrpeSum += predicted.distance(actual);
                    mrrpeCount++;
                }
            }
            if (truth.handTypeValid()) {
                double pRight = prediction.presence(Hands.RIGHT);
                double pLeft = prediction.presence(Hands.LEFT);
                boolean correct = switch (truth.handType()) {
                    case RIGHT -> pRight > 0.5 && pLeft < 0.5;
                    case LEFT -> pRight < 0.5 && pLeft > 0.5;
                    case INTERACTING -> pRight > 0.5 && pLeft > 0.5;
                };
                if (correct) {
                    handednessCorrect++;
                }
                handednessCount++;
            }
        }

        @Override
        public EvalReport finish(EvalCounts matching) {
            EvalCounts c = counts(matching);
            if (mrrpeMissing > 0) {
                notes.add(mrrpeMissing + " interacting frames had no predicted relative root (neither rel_root nor "
                    + "both hands) and are left out of MRRPE.");
            }
            for (Split s : Split.values()) {
                int empty = joints.pointsWithoutData(s, HandColumn.BOTH);
                if (empty > 0 && empty < 2 * Hands.JOINTS) {
                    notes.add("MPJPE " + s.label() + ": " + empty + " of the 42 joints have no valid error and are "
                        + "left out of the mean of per-joint means (the reference script would fail on them).");
                }
            }
            List<EvalReport.Scalar> scalars = new ArrayList<>();
            scalars.add(scalar("mrrpe", "MRRPE (mean relative-root position error)", "m", mrrpeSum, mrrpeCount, true));
            scalars.add(scalar("handedness_accuracy", "Handedness accuracy", "1", handednessCorrect,
                handednessCount, true));
            JointErrorTable.Pck all = joints.pckOfPointMeans(Split.ALL, HandColumn.BOTH);
            scalars.add(new EvalReport.Scalar("auc", "AUC of the PCK curve, all frames, both hands", "1",
                all == null ? Double.NaN : all.auc(), joints.count(Split.ALL, HandColumn.BOTH), false));
            return new EvalReport(NAME, "InterHand2.6M official evaluation (InterNet Dataset.evaluate)",
                List.of("Joint validity from the annotation, times the hand's wrist validity.",
                    "Each hand aligned on its wrist (translation only).",
                    "MPJPE = mean over joints of the per-joint mean error (mean of per-joint means).",
                    "MRRPE over interacting frames with both wrists valid.",
                    "Handedness: presence probabilities against 0.5 per hand type."),
                c,
                withSupplementary(List.of(table("mpjpe", "MPJPE, wrist-aligned", "m", true, joints,
                    Aggregation.MEAN_OF_POINT_MEANS), table("pa_mpjpe", "PA-MPJPE, Procrustes-aligned per hand (scale, "
                    + "rotation, translation)", "m", false, procrustes, Aggregation.MEAN_OF_POINT_MEANS))),
                scalars,
                curves("pck", "3-D PCK, wrist-aligned", "m", joints),
                perJoint("joint_error", "Per-joint error, wrist-aligned", "m", joints),
                standardNotes(c));
        }
    }
}
