package org.ambidex.eval;

import java.util.ArrayList;
import java.util.List;
import org.ambidex.geom.SimilarityTransform;
import org.ambidex.hand.JointOrder;

/**
 * Zhang et al. (ICCV 2021) v2 {@code Dataset.evaluate} with {@code EvalUtil} (SEED_SPEC.md C.5): per hand, the
 * prediction is centred on its middle MCP, scaled by the wrist-to-MCP length ratio and moved to the true MCP
 * (joints and vertices); MPJPE is the mean over the 42 joints of per-joint means over valid joints; MPVPE the
 * mean over all vertices of all hands with a ground-truth mesh; the PCK/AUC over 0-50 mm (200 thresholds) is
 * {@code EvalUtil}'s mean over the 42 keypoints.
 *
 * @param thresholds PCK thresholds (the reference: 0 to 50 mm, 200 steps)
 * @param interactingOnly use interacting frames only, as the reference test set ({@code use_sh=False})
 * @param validity how joint validity is applied
 * @param manoTruth ground truth from the samples' MANO-derived hands (skeleton joints + tips, mesh), as the
 *     reference; false: the annotated joints
 */
public record ZhangProtocol(PckThresholds thresholds, boolean interactingOnly, Validity validity, boolean manoTruth)
    implements Protocol {

    public static final String NAME = "zhang";
    /** {@code main/eval.py}'s second 3-D curve: 0 to 100 mm in 200 thresholds. */
    static final PckThresholds WIDE = new PckThresholds(0, 0.100, 200);

    /** With the dataset's annotated joints as ground truth. */
    public ZhangProtocol(PckThresholds thresholds, boolean interactingOnly, Validity validity) {
        this(thresholds, interactingOnly, validity, false);
    }

    /** Joint validity handling. */
    public enum Validity {
        /**
         * The reference's behaviour: validity is read in InterHand2.6M order but applied to joints in MANO order, and
         * each hand's validity is multiplied by its InterHand2.6M entries 4 and 0 (index and thumb tips) where the
         * code meant the middle MCP and the wrist. Needed to reproduce the published numbers.
         */
        AS_PUBLISHED,
        /** Validity of each joint applied to that joint, times the hand's wrist and middle-MCP validity. */
        REMAPPED
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Run start() {
        return new ZhangRun();
    }

    /** The validity mask (OpenPose order) that Zhang's evaluation ends up using for one hand. */
    static boolean[] effectiveValidity(boolean[] valid, Validity validity) {
        boolean[] out = new boolean[Hands.JOINTS];
        if (validity == Validity.REMAPPED) {
            boolean hand = valid[Hands.WRIST] && valid[Hands.MIDDLE_MCP];
            for (int j = 0; j < Hands.JOINTS; j++) {
                out[j] = valid[j] && hand;
            }
            return out;
        }
        // The annotation vector is in InterHand2.6M order: slot k holds the flag of OpenPose joint ihFromOp[k].
        int[] ihFromOp = JointOrder.INTERHAND.gatherFrom(JointOrder.OPENPOSE);
        boolean[] asInterHand = new boolean[Hands.JOINTS];
        for (int k = 0; k < Hands.JOINTS; k++) {
            asInterHand[k] = valid[ihFromOp[k]];
        }
        // The code multiplies by entries 4 and 0, meaning MANO joints 4 (middle MCP) and 0 (wrist).
        boolean hand = asInterHand[4] && asInterHand[0];
        // Entry m is then applied to the joint in MANO-16+tips slot m, i.e. OpenPose joint j reads entry manoSlot[j].
        int[] manoSlot = JointOrder.OPENPOSE.gatherFrom(JointOrder.MANO16_TIPS);
        for (int j = 0; j < Hands.JOINTS; j++) {
            out[j] = asInterHand[manoSlot[j]] && hand;
        }
        return out;
    }

    /** "a-b mm" for thresholds {@code from} to {@code to - 1}, two decimals. */
    private String rangeMm(int from, int to) {
        double[] t = thresholds.values();
        return String.format(java.util.Locale.ROOT, "%.2f-%.2f mm", t[from] * 1000, t[to - 1] * 1000);
    }

    private final class ZhangRun extends ProtocolRun {
        private final JointErrorTable joints = new JointErrorTable(Hands.JOINTS, thresholds);
        private final JointErrorTable vertices = new JointErrorTable(1, thresholds);
        private final JointErrorTable wide = new JointErrorTable(Hands.JOINTS, WIDE);

        @Override
        public void add(GroundTruthSample annotated, Prediction prediction) {
            if (interactingOnly && annotated.handType().single()) {
                outsideProtocol++;
                return;
            }
            GroundTruthSample truth = annotated;
            if (manoTruth) {
                // The reference skips frames absent from the MANO file and marks a hand without parameters invalid.
                int lacking = handsLackingMano(annotated);
                int shown = (annotated.right() == null ? 0 : 1) + (annotated.left() == null ? 0 : 1);
                if (lacking > 0 && lacking == shown) {
                    samplesWithoutMano++;
                    return;
                }
                handsWithoutMano += lacking;
                truth = manoTruth(annotated, false);
            }
            countFrame(truth);
            addPredicted2d(truth, prediction);
            Split frames = Split.of(truth.handType());
            for (int h = 0; h < 2; h++) {
                HandTruth gt = truth.hand(h);
                if (gt == null) {
                    continue;
                }
                boolean[] valid = effectiveValidity(gt.jointValid(), validity);
                HandPrediction pred = prediction.hand(h);
                if (pred == null) {
                    handsWithoutPrediction++;
                    continue;
                }
                SimilarityTransform t;
                try {
                    t = Alignment.MIDDLE_MCP_SCALED.fit(gt.jointsView(), pred.jointsView(), null);
                } catch (DegenerateHandException e) {
                    throw new DegenerateHandException("sample " + truth.id() + ", " + Hands.name(h) + " hand: "
                        + e.getMessage());
                }
                double[] aligned = t.applyToPoints(pred.jointsView());
                addJoints(joints, frames, h, gt.jointsView(), aligned, valid);
                addJoints(wide, frames, h, gt.jointsView(), aligned, valid);
                if (gt.hasVertices() && pred.hasVertices()) {
                    addVertices(vertices, frames, h, gt.verticesView(), t.applyToPoints(pred.verticesView()),
                        truth.id());
                }
            }
        }

        @Override
        public EvalReport finish(EvalCounts matching) {
            EvalCounts c = counts(matching);
            if (outsideProtocol > 0) {
                notes.add(outsideProtocol + " single-hand frames are outside this protocol (interacting frames only, "
                    + "as the reference test set).");
            }
            List<EvalReport.MetricTable> tables = new ArrayList<>();
            tables.add(table("mpjpe", "MPJPE, middle-MCP root, length-scaled, moved to the true root", "m", true, joints,
                Aggregation.MEAN_OF_POINT_MEANS));
            if (vertices.count(Split.ALL, HandColumn.BOTH) > 0) {
                tables.add(table("mpvpe", "MPVPE, same alignment", "m", true, vertices, Aggregation.POOLED));
            }
            JointErrorTable.Pck all = joints.pckOfPointMeans(Split.ALL, HandColumn.BOTH);
            long n = joints.count(Split.ALL, HandColumn.BOTH);
            List<EvalReport.Scalar> scalars = new ArrayList<>();
            scalars.add(new EvalReport.Scalar("auc", "AUC of the 3-D PCK over " + rangeMm(0, thresholds.steps())
                + ", 42 keypoints (EvalUtil)", "1", all == null ? Double.NaN : all.auc(), n, true));
            if (thresholds.equals(PckThresholds.DEFAULT)) {
                // main/eval.py also prints the areas over thresholds[80:] (20-50 mm) and thresholds[:120] (0-30 mm).
                JointErrorTable.Pck high = joints.pckOfPointMeans(Split.ALL, HandColumn.BOTH, 80, thresholds.steps());
                JointErrorTable.Pck low = joints.pckOfPointMeans(Split.ALL, HandColumn.BOTH, 0, 120);
                scalars.add(new EvalReport.Scalar("auc_20_50", "AUC over " + rangeMm(80, thresholds.steps())
                    + " (thresholds[80:])", "1", high == null ? Double.NaN : high.auc(), n, true));
                scalars.add(new EvalReport.Scalar("auc_0_30", "AUC over " + rangeMm(0, 120) + " (thresholds[:120])",
                    "1", low == null ? Double.NaN : low.auc(), n, true));
            }
            JointErrorTable.Pck wideAll = wide.pckOfPointMeans(Split.ALL, HandColumn.BOTH);
            scalars.add(new EvalReport.Scalar("auc_0_100", "AUC of the 3-D PCK over 0-100 mm (200 thresholds)", "1",
                wideAll == null ? Double.NaN : wideAll.auc(), n, true));
            List<EvalReport.PckCurve> curves = new ArrayList<>(curves("pck", "3-D PCK (EvalUtil), aligned", "m", joints));
            curves.addAll(curves("pck_0_100", "3-D PCK (EvalUtil), aligned", "m", wide));
            JointErrorTable.Pck px = predicted2d().pckOfPointMeans(Split.ALL, HandColumn.BOTH);
            if (px != null) {
                // main/eval.py's eval_2dpck: EvalUtil over 0-30 px in 700 thresholds, here on the predicted joints_2d.
                scalars.add(new EvalReport.Scalar("auc_2d", "AUC of the 2-D PCK of the predicted joints_2d over 0-30 px "
                    + "(700 thresholds)", "1", px.auc(), predicted2d().count(Split.ALL, HandColumn.BOTH), true));
                curves.addAll(curves("pck_2d", "2-D PCK of the predicted joints_2d", "px", predicted2d()));
            }
            return new EvalReport(NAME, "Zhang et al. ICCV 2021 v2 evaluation (Dataset.evaluate + EvalUtil)",
                List.of("Prediction per hand: (pred - pred[MCP9]) * |J9 - J0|_gt / |J9 - J0|_pred + gt[MCP9].",
                    validity == Validity.AS_PUBLISHED
                        ? "Joint validity as published: InterHand2.6M-ordered flags applied to MANO-ordered joints, "
                            + "hand validity times IH entries 4 and 0."
                        : "Joint validity remapped to the right joints, times the hand's wrist and middle-MCP validity "
                            + "(differs from the published code; use --zhang-validity as_published to reproduce it).",
                    "MPJPE = mean over the 42 joints of per-joint means; MPVPE = mean over all vertices.",
                    "AUC: EvalUtil over 42 keypoints, thresholds " + thresholds.steps() + " from "
                        + thresholds.min() * 1000 + " to " + thresholds.max() * 1000 + " mm.",
                    interactingOnly ? "Interacting frames only (use_sh=False)." : "Single and interacting frames.",
                    manoTruth
                        ? "Ground truth: the MANO skeleton joints of each hand's NeuralAnnot parameters (camera frame) "
                            + "with tip vertices 745, 317, 444, 556, 673, and the MANO mesh, as the reference."
                        : "Ground truth: the dataset's annotated joints; the reference uses the NeuralAnnot MANO "
                            + "skeleton joints with tip vertices 745, 317, 444, 556, 673 (give --hand-model to do the "
                            + "same), so numbers differ slightly."),
                c, withSupplementary(tables), scalars, curves,
                perJoint("joint_error", "Per-joint error, aligned", "m", joints),
                standardNotes(c));
        }
    }
}
