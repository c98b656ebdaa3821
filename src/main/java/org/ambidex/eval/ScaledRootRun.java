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
    private final JointErrorTable joints;
    private final JointErrorTable vertices;
    private final JointErrorTable joints2d;
    private final JointErrorTable vertices2d;
    private double rootSum;
    private long rootCount;
    private long rootMissing;
    private long noIntrinsics;
    private long invalidCounted;

    ScaledRootRun(String name, String title, int rootJoint, boolean respectValidity, boolean dirExtras,
                  PckThresholds thresholds) {
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
    public void add(GroundTruthSample truth, Prediction prediction) {
        countFrame(truth);
        addPredicted2d(truth, prediction);
        Split frames = Split.of(truth.handType());
        Alignment alignment = new Alignment.Root(rootJoint, true);
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
            SimilarityTransform t;
            try {
                t = alignment.fit(gt.jointsView(), pred.jointsView(), null);
            } catch (DegenerateHandException e) {
                throw new DegenerateHandException("sample " + truth.id() + ", " + Hands.name(h) + " hand: "
                    + e.getMessage());
            }
            boolean[] valid = respectValidity ? gt.jointValid() : null;
            if (!respectValidity) {
                for (int j = 0; j < Hands.JOINTS; j++) {
                    invalidCounted += gt.valid(j) ? 0 : 1;
                }
            }
            double[] alignedJoints = t.applyToPoints(pred.jointsView());
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
            addRootError(truth, prediction);
        }
    }

    /**
     * || (R_gt[root] - L_gt[root]) - (R_pred[root] - L_pred[root]) ||, the predicted left hand placed by the
     * predicted relative root when one is given.
     */
    private void addRootError(GroundTruthSample truth, Prediction prediction) {
        HandPrediction right = prediction.right();
        HandPrediction left = prediction.left();
        if (right == null || left == null) {
            rootMissing++;
            return;
        }
        int r = 3 * rootJoint;
        Vec3 gtOffset = Vec3.of(truth.right().jointsView(), r).minus(Vec3.of(truth.left().jointsView(), r));
        Vec3 leftRootFromWrist = Vec3.of(left.jointsView(), r).minus(Vec3.of(left.jointsView(), 3 * Hands.WRIST));
        Vec3 leftRoot = Vec3.of(right.jointsView(), 3 * Hands.WRIST).plus(prediction.leftMinusRightWrist())
            .plus(leftRootFromWrist);
        Vec3 predOffset = Vec3.of(right.jointsView(), r).minus(leftRoot);
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
            "The reference regresses joints from MANO meshes (J_regressor + tips 745, 317, 444, 556, 673) for "
                + "ground truth and prediction alike; the joints given here are used as they are."));
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
