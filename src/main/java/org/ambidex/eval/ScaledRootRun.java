package org.ambidex.eval;

import java.util.ArrayList;
import java.util.List;
import org.ambidex.geom.SimilarityTransform;
import org.ambidex.geom.Vec3;

/**
 * The evaluation shared by IntagHand's {@code eval_interhand.py} and DIR's {@code eval.py}: per hand, centre on
 * a root joint, scale the prediction by the wrist-to-middle-MCP length ratio, and average errors over all
 * samples and points per hand; "both" is (left + right) / 2. DIR adds 2-D errors of the aligned prediction moved
 * to the true root and projected with the frame's camera, and a relative-root error.
 */
final class ScaledRootRun extends ProtocolRun {

    private final String name;
    private final String title;
    private final int rootJoint;
    private final boolean respectValidity;
    private final boolean dirExtras;
    /** Regresses ground-truth and predicted joints from meshes; null: the joints are used as given. */
    private final ManoJointRegressor mano;
    private final JointErrorTable joints;
    private final JointErrorTable vertices;
    private final JointErrorTable joints2d;
    private final JointErrorTable vertices2d;
    private double rootSum;
    private long rootCount;
    private long rootMissing;
    private long noIntrinsics;
    private long invalidCounted;
    private long predictedJointsAsGiven;

    ScaledRootRun(String name, String title, int rootJoint, boolean respectValidity, boolean dirExtras,
                  PckThresholds thresholds, ManoJointRegressor mano) {
        this.mano = mano;
        this.name = name;
        this.title = title;
        this.rootJoint = rootJoint;
        this.respectValidity = respectValidity;
        this.dirExtras = dirExtras;
        this.joints = new JointErrorTable(Hands.JOINTS, thresholds);
        this.vertices = new JointErrorTable(1, thresholds);
        PckThresholds pixels = new PckThresholds(0, 30, 700);
        this.joints2d = new JointErrorTable(Hands.JOINTS, pixels);
        this.vertices2d = new JointErrorTable(1, pixels);
    }

    @Override
    public void add(GroundTruthSample annotated, Prediction prediction) {
        GroundTruthSample truth = annotated;
        if (mano != null) {
            // The reference keeps only frames whose shown hands all have MANO parameters (SEED_SPEC.md A.11).
            if (handsLackingMano(annotated) > 0) {
                samplesWithoutMano++;
                return;
            }
            truth = manoTruth(annotated, true);
        }
        countFrame(truth);
        addPredicted2d(truth, prediction);
        Split frames = Split.of(truth.handType());
        Alignment alignment = new Alignment.Root(rootJoint, true);
        double[][] compared = new double[2][];
        for (int h = 0; h < 2; h++) {
            HandTruth gt = truth.hand(h);
            if (gt == null) {
                continue;
            }
            HandPrediction pred = prediction.hand(h);
            if (pred == null) {
                handsWithoutPrediction++;
                continue;
            }
            double[] predJoints = predictedJoints(truth, h, pred);
            compared[h] = predJoints;
            SimilarityTransform t;
            try {
                t = alignment.fit(gt.jointsView(), predJoints, null);
            } catch (DegenerateHandException e) {
                throw new DegenerateHandException("sample " + truth.id() + ", " + Hands.name(h) + " hand: "
                    + e.getMessage());
            }
            boolean[] valid = respectValidity ? gt.jointValid() : null;
            if (!respectValidity && mano == null) {
                for (int j = 0; j < Hands.JOINTS; j++) {
                    invalidCounted += gt.valid(j) ? 0 : 1;
                }
            }
            double[] alignedJoints = t.applyToPoints(predJoints);
            addJoints(joints, frames, h, gt.jointsView(), alignedJoints, valid);
            double[] alignedVertices = null;
            if (gt.hasVertices() && pred.hasVertices()) {
                alignedVertices = t.applyToPoints(pred.verticesView());
                addVertices(vertices, frames, h, gt.verticesView(), alignedVertices, truth.id());
            }
            if (dirExtras) {
                if (truth.intrinsics() == null) {
                    noIntrinsics++;
                } else {
                    // The aligned prediction already sits on the true root: DIR's "pred + root_gt".
                    double[] gt2d = PointErrors.project(gt.jointsView(), truth.intrinsics());
                    double[] pred2d = PointErrors.project(alignedJoints, truth.intrinsics());
                    double[] e = PointErrors.distances2d(gt2d, pred2d);
                    for (int j = 0; j < Hands.JOINTS; j++) {
                        if (valid == null || valid[j]) {
                            joints2d.add(frames, h, j, e[j]);
                        }
                    }
                    if (alignedVertices != null) {
                        double[] ev = PointErrors.distances2d(PointErrors.project(gt.verticesView(), truth.intrinsics()),
                            PointErrors.project(alignedVertices, truth.intrinsics()));
                        for (double x : ev) {
                            vertices2d.add(frames, h, 0, x);
                        }
                    }
                }
            }
        }
        if (dirExtras && truth.right() != null && truth.left() != null) {
            addRootError(truth, prediction, compared);
        }
    }

    /**
     * The wrist (x, y, z) the prediction's relative root refers to: its own joints' wrist when it has joints and a
     * relative root, else the compared joints' wrist.
     */
    private static double[] ownWrist(Prediction prediction, int hand, double[] compared) {
        HandPrediction p = prediction.hand(hand);
        double[] own = prediction.relativeRoot() != null && p != null && p.joints() != null ? p.jointsView() : compared;
        return new double[] {own[3 * Hands.WRIST], own[3 * Hands.WRIST + 1], own[3 * Hands.WRIST + 2]};
    }

    /** The predictor's relative root when given, else the difference of the compared wrists. */
    private static Vec3 leftMinusRightWrist(Prediction prediction, double[] right, double[] left) {
        if (prediction.relativeRoot() != null) {
            return prediction.relativeRoot();
        }
        return Vec3.of(left, 3 * Hands.WRIST).minus(Vec3.of(right, 3 * Hands.WRIST));
    }

    /**
     * The predicted joints the reference compares: regressed from the predicted mesh like the ground truth when
     * there is a regressor and the prediction has a mesh, else the predicted joints as given.
     */
    private double[] predictedJoints(GroundTruthSample truth, int hand, HandPrediction pred) {
        if (mano == null) {
            return pred.jointsView();
        }
        if (!pred.hasVertices()) {
            predictedJointsAsGiven++;
            return pred.jointsView();
        }
        try {
            return mano.joints(hand, pred.verticesView());
        } catch (IllegalArgumentException e) {
            throw new DegenerateHandException("sample " + truth.id() + ", predicted " + Hands.name(hand) + " hand: "
                + e.getMessage());
        }
    }

    /**
     * || (R_gt[root] - L_gt[root]) - (R_pred[root] - L_pred[root]) ||, the predicted left hand placed by the
     * predicted relative root when one is given.
     *
     * @param compared the predicted joints of each hand as compared with the ground truth (null: not predicted)
     */
    private void addRootError(GroundTruthSample truth, Prediction prediction, double[][] compared) {
        double[] right = compared[Hands.RIGHT];
        double[] left = compared[Hands.LEFT];
        if (right == null || left == null) {
            rootMissing++;
            return;
        }
        int r = 3 * rootJoint;
        Vec3 gtOffset = Vec3.of(truth.right().jointsView(), r).minus(Vec3.of(truth.left().jointsView(), r));
        // Off the wrist, DIR moves its wrist-centred meshes by the predicted offset: the wrists the offset joins are
        // the predicted joints' own (the network's), not those regressed from the meshes.
        Vec3 rightWrist = Vec3.of(ownWrist(prediction, Hands.RIGHT, right), 0);
        Vec3 leftWrist = Vec3.of(ownWrist(prediction, Hands.LEFT, left), 0);
        Vec3 leftRootFromWrist = Vec3.of(left, r).minus(leftWrist);
        Vec3 leftRoot = rightWrist.plus(leftMinusRightWrist(prediction, right, left)).plus(leftRootFromWrist);
        if (rootJoint == Hands.WRIST) {
            leftRoot = Vec3.of(right, r).plus(leftMinusRightWrist(prediction, right, left));
        }
        Vec3 predOffset = Vec3.of(right, r).minus(leftRoot);
        rootSum += gtOffset.minus(predOffset).norm();
        rootCount++;
    }

    @Override
    public EvalReport finish(EvalCounts matching) {
        EvalCounts c = counts(matching);
        if (invalidCounted > 0) {
            notes.add(invalidCounted + " ground-truth joints marked invalid were counted, as the reference counts every "
                + "joint (its ground truth, regressed from MANO meshes, has no invalid joints); --respect-validity "
                + "leaves them out.");
        }
        List<EvalReport.MetricTable> tables = new ArrayList<>();
        String align = new Alignment.Root(rootJoint, true).describe();
        tables.add(table("mpjpe", "MPJPE, " + align, "m", true, joints, Aggregation.HAND_AVERAGE));
        if (vertices.count(Split.ALL, HandColumn.BOTH) > 0) {
            tables.add(table("mpvpe", "MPVPE, " + align, "m", true, vertices, Aggregation.HAND_AVERAGE));
        } else {
            notes.add("No sample had both ground-truth and predicted vertices: MPVPE is not reported.");
        }
        List<EvalReport.Scalar> scalars = new ArrayList<>();
        if (dirExtras) {
            if (joints2d.count(Split.ALL, HandColumn.BOTH) > 0) {
                tables.add(table("joint_2d", "2-D joint error of the aligned prediction at the true root", "px", true,
                    joints2d, Aggregation.HAND_AVERAGE));
            }
            if (vertices2d.count(Split.ALL, HandColumn.BOTH) > 0) {
                tables.add(table("vertex_2d", "2-D vertex error of the aligned prediction at the true root", "px",
                    true, vertices2d, Aggregation.HAND_AVERAGE));
            }
            if (noIntrinsics > 0) {
                notes.add(noIntrinsics + " hands had no camera intrinsics and are left out of the 2-D errors.");
            }
            if (rootMissing > 0) {
                notes.add(rootMissing + " two-hand frames lacked a predicted hand and are left out of the root error.");
            }
            scalars.add(scalar("root_error", "Relative root error (right minus left "
                + (rootJoint == Hands.WRIST ? "wrist" : "middle MCP") + ")", "m", rootSum, rootCount, true));
        }
        JointErrorTable.Pck all = joints.pckOfPointMeans(Split.ALL, HandColumn.BOTH);
        scalars.add(new EvalReport.Scalar("auc", "AUC of the PCK curve, all frames, both hands", "1",
            all == null ? Double.NaN : all.auc(), joints.count(Split.ALL, HandColumn.BOTH), false));
        List<String> method = new ArrayList<>(List.of(
            "Each hand centred on its " + (rootJoint == Hands.WRIST ? "wrist (joint 0)" : "middle MCP (joint 9)")
                + "; prediction scaled by |J9 - J0|_gt / |J9 - J0|_pred (joints and vertices).",
            respectValidity ? "Only valid ground-truth joints count (not the reference behaviour)."
                : "No joint validity mask (as the reference).",
            "Errors averaged over all samples and points per hand; both = (left + right) / 2.",
            mano == null
                ? "Ground truth: the dataset's annotated joints. The reference regresses them from the NeuralAnnot "
                    + "MANO meshes (J_regressor + tip vertices 745, 317, 444, 556, 673), for the prediction too; "
                    + "give a hand model (--hand-model) to do the same."
                : "Ground truth: joints regressed from the MANO mesh of each hand's NeuralAnnot parameters (camera "
                    + "frame) with J_regressor + tip vertices 745, 317, 444, 556, 673, and that mesh's vertices, as "
                    + "the reference; predicted joints regressed the same way from predicted meshes."));
        if (predictedJointsAsGiven > 0) {
            notes.add(predictedJointsAsGiven + " predicted hands had no vertices: their joints were used as given "
                + "instead of regressed from a mesh as the reference does.");
        }
        if (dirExtras) {
            method.add("2-D errors: the aligned prediction, moved to the true root, projected with the frame's camera;"
                + " pixels of the frame's image (the reference prints them labelled mm).");
        }
        return new EvalReport(name, title, method, c, withSupplementary(tables), scalars,
            curves("pck", "3-D PCK, " + align, "m", joints),
            perJoint("joint_error", "Per-joint error, " + align, "m", joints),
            standardNotes(c));
    }
}
