package org.ambidex.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The FreiHAND evaluation script ({@code eval.py} of the FreiHAND toolbox): per hand,
 * <ul>
 * <li>unaligned and Procrustes-aligned keypoint errors ({@code align_w_scale}: centring, Frobenius
 *     normalisation, SciPy orthogonal Procrustes with scale, reflections allowed), summarised as
 *     {@code EvalUtil} does: mean over keypoints of per-keypoint means, and the AUC of the PCK over 0-50 mm in
 *     100 thresholds;</li>
 * <li>the same for vertices when the predicted mesh has as many vertices as the ground truth ("shape is MANO",
 *     decided on the first sample, as the script), the vertices then aligned on their own;</li>
 * <li>F-scores at 5 and 15 mm between ground-truth and predicted vertices, unaligned and aligned (vertices moved
 *     with the keypoint transform through {@code align_by_trafo} when the mesh is not MANO), averaged over
 *     samples.</li>
 * </ul>
 * FreiHAND frames show one right hand with every joint valid; on two-hand data each hand is handled alike and
 * invalid joints are left out (of the errors and of the keypoint alignment).
 *
 * @param thresholds PCK thresholds (the script: 0 to 50 mm in 100 steps)
 * @param fScoreThresholds F-score distance thresholds in metres (the script: 0.005 and 0.015)
 */
public record FreiHandProtocol(PckThresholds thresholds, double[] fScoreThresholds) implements Protocol {

    public static final String NAME = "freihand";

    public FreiHandProtocol {
        fScoreThresholds = fScoreThresholds.clone();
    }

    /** The script's settings. */
    public static FreiHandProtocol reference() {
        return new FreiHandProtocol(PckThresholds.FREIHAND, new double[] {0.005, 0.015});
    }

    @Override
    public double[] fScoreThresholds() {
        return fScoreThresholds.clone();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Run start() {
        return new FreiHandRun();
    }

    private final class FreiHandRun extends ProtocolRun {
        private final JointErrorTable xyz = new JointErrorTable(Hands.JOINTS, thresholds);
        private final JointErrorTable xyzAligned = new JointErrorTable(Hands.JOINTS, thresholds);
        private final JointErrorTable mesh = new JointErrorTable(1, thresholds);
        private final JointErrorTable meshAligned = new JointErrorTable(1, thresholds);
        private final double[] fSum = new double[fScoreThresholds.length];
        private final double[] fAlignedSum = new double[fScoreThresholds.length];
        private long fCount;
        private Boolean shapeIsMano;
        private long withoutVertices;

        @Override
        public void add(GroundTruthSample truth, Prediction prediction) {
            countFrame(truth);
            addPredicted2d(truth, prediction);
            Split frames = Split.of(truth.handType());
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
                addHand(truth.id(), frames, h, gt, pred);
            }
        }

        private void addHand(String id, Split frames, int h, HandTruth gt, HandPrediction pred) {
            boolean[] valid = gt.jointValid();
            double[] gtJoints = validRows(gt.jointsView(), valid);
            double[] predJoints = validRows(pred.jointsView(), valid);
            if (gtJoints.length == 0) {
                return;
            }
            addJoints(xyz, frames, h, gt.jointsView(), pred.jointsView(), valid);
            FreiHandAlignment.Trafo trafo = FreiHandAlignment.fit(gtJoints, predJoints);
            double[] aligned = FreiHandAlignment.align(gtJoints, predJoints);
            double[] e = PointErrors.distances3d(gtJoints, aligned);
            int k = 0;
            for (int j = 0; j < Hands.JOINTS; j++) {
                if (valid[j]) {
                    xyzAligned.add(frames, h, j, e[k++]);
                }
            }
            if (!gt.hasVertices() || !pred.hasVertices()) {
                withoutVertices++;
                return;
            }
            double[] gtVerts = gt.verticesView();
            double[] predVerts = pred.verticesView();
            if (shapeIsMano == null) {
                shapeIsMano = gtVerts.length == predVerts.length;
            }
            double[] predVertsAligned;
            if (shapeIsMano) {
                addVertices(mesh, frames, h, gtVerts, predVerts, id);
                predVertsAligned = FreiHandAlignment.align(gtVerts, predVerts);
                addVertices(meshAligned, frames, h, gtVerts, predVertsAligned, id);
            } else {
                predVertsAligned = FreiHandAlignment.alignByTrafo(predVerts, trafo);
            }
            FScore[] f = FScore.of(gtVerts, predVerts, fScoreThresholds);
            FScore[] fa = FScore.of(gtVerts, predVertsAligned, fScoreThresholds);
            for (int t = 0; t < fScoreThresholds.length; t++) {
                fSum[t] += f[t].fScore();
                fAlignedSum[t] += fa[t].fScore();
            }
            fCount++;
        }

        private static double[] validRows(double[] joints, boolean[] valid) {
            int n = 0;
            for (boolean v : valid) {
                n += v ? 1 : 0;
            }
            double[] out = new double[3 * n];
            int k = 0;
            for (int j = 0; j < valid.length; j++) {
                if (valid[j]) {
                    System.arraycopy(joints, 3 * j, out, 3 * k++, 3);
                }
            }
            return out;
        }

        @Override
        public EvalReport finish(EvalCounts matching) {
            EvalCounts c = counts(matching);
            List<EvalReport.MetricTable> tables = new ArrayList<>();
            tables.add(table("pa_mpjpe", "PA-MPJPE (keypoints, Procrustes-aligned)", "m", true, xyzAligned,
                Aggregation.MEAN_OF_POINT_MEANS));
            tables.add(table("mpjpe", "MPJPE (keypoints, not aligned)", "m", true, xyz,
                Aggregation.MEAN_OF_POINT_MEANS));
            if (mesh.count(Split.ALL, HandColumn.BOTH) > 0) {
                tables.add(table("pa_mpvpe", "PA-MPVPE (mesh, Procrustes-aligned)", "m", true, meshAligned,
                    Aggregation.POOLED));
                tables.add(table("mpvpe", "MPVPE (mesh, not aligned)", "m", true, mesh, Aggregation.POOLED));
            } else if (Boolean.FALSE.equals(shapeIsMano)) {
                notes.add("The predicted meshes do not have the ground truth's vertex count: mesh errors are not "
                    + "computed; F-scores use vertices moved with the keypoint alignment (align_by_trafo).");
            }
            if (withoutVertices > 0) {
                notes.add(withoutVertices + " hands lacked ground-truth or predicted vertices: no mesh errors or "
                    + "F-scores for them.");
            }
            List<EvalReport.Scalar> scalars = new ArrayList<>();
            addAuc(scalars, "auc_aligned", "AUC of the aligned keypoint PCK", xyzAligned);
            addAuc(scalars, "auc", "AUC of the unaligned keypoint PCK", xyz);
            addAuc(scalars, "mesh_auc_aligned", "AUC of the aligned mesh PCK", meshAligned);
            addAuc(scalars, "mesh_auc", "AUC of the unaligned mesh PCK", mesh);
            for (int t = 0; t < fScoreThresholds.length; t++) {
                String mm = formatMm(fScoreThresholds[t]);
                scalars.add(scalar("f_aligned_" + mm, "F-score at " + mm + " mm, aligned", "1", fAlignedSum[t],
                    fCount, true));
                scalars.add(scalar("f_" + mm, "F-score at " + mm + " mm, not aligned", "1", fSum[t], fCount, true));
            }
            List<EvalReport.PckCurve> curves = new ArrayList<>(curves("pck_aligned", "3-D PCK, Procrustes-aligned", "m",
                xyzAligned));
            curves.addAll(curves("pck", "3-D PCK, not aligned", "m", xyz));
            return new EvalReport(NAME, "FreiHAND evaluation script (eval.py, align_w_scale, calculate_fscore)",
                List.of("Keypoints: errors as given and after align_w_scale (centre, Frobenius-normalise, orthogonal "
                        + "Procrustes with scale, reflections allowed).",
                    "EvalUtil summaries: mean over keypoints of per-keypoint means; AUC over "
                        + thresholds.min() * 1000 + "-" + thresholds.max() * 1000 + " mm in " + thresholds.steps()
                        + " thresholds.",
                    "Mesh (same vertex count as the ground truth): errors as given and after aligning the vertices on "
                        + "their own.",
                    "F-scores between vertex sets: nearest-neighbour distances both ways, strict < threshold."),
                c, withSupplementary(tables), scalars, curves,
                perJoint("joint_error", "Per-joint error, Procrustes-aligned", "m", xyzAligned),
                standardNotes(c));
        }

        private void addAuc(List<EvalReport.Scalar> out, String key, String title, JointErrorTable t) {
            JointErrorTable.Pck pck = t.pckOfPointMeans(Split.ALL, HandColumn.BOTH);
            if (pck != null) {
                out.add(new EvalReport.Scalar(key, title, "1", pck.auc(), t.count(Split.ALL, HandColumn.BOTH), true));
            }
        }
    }

    private static String formatMm(double metres) {
        double mm = metres * 1000;
        return mm == Math.rint(mm) ? Long.toString(Math.round(mm)) : Double.toString(mm);
    }
}
