package org.ambidex.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ambidex.hand.JointOrder;

/** What every protocol run shares: counting, and turning error tables into report items. */
abstract class ProtocolRun implements Protocol.Run {

    /** How a table cell is formed from the errors of its split and hands. */
    enum Aggregation {
        /** Mean over points (of the column's hands) of each point's mean error (InterHand2.6M, Zhang). */
        MEAN_OF_POINT_MEANS("mean over joints of per-joint means"),
        /** Mean over all error instances; "both" = (left + right) / 2 (IntagHand, DIR). */
        HAND_AVERAGE("mean over all instances; both = (left + right) / 2"),
        /** Mean over all error instances, "both" pooling both hands. */
        POOLED("mean over all instances");

        final String text;

        Aggregation(String text) {
            this.text = text;
        }
    }

    /** Joint names in the OpenPose order, for reports. */
    static final List<String> JOINT_NAMES = JointOrder.OPENPOSE.joints().stream()
        .map(j -> j.name().toLowerCase(java.util.Locale.ROOT)).toList();

    protected long evaluated;
    protected long single;
    protected long interacting;
    protected long handsWithoutPrediction;
    protected long outsideProtocol;
    protected long samplesWithoutMano;
    protected long handsWithoutMano;
    protected final List<String> notes = new ArrayList<>();
    /** Errors of the predictors' own 2-D joints ({@code joints_2d}) against the projected ground truth, pixels. */
    private final JointErrorTable predicted2d = new JointErrorTable(Hands.JOINTS, new PckThresholds(0, 30, 700));

    /**
     * Adds the 2-D errors of the hands whose prediction carries {@code joints_2d}, against the ground-truth joints
     * projected with the frame's camera, over valid joints. Supplementary in every protocol.
     */
    protected void addPredicted2d(GroundTruthSample truth, Prediction prediction) {
        if (truth.intrinsics() == null) {
            return;
        }
        Split frames = Split.of(truth.handType());
        for (int h = 0; h < 2; h++) {
            HandTruth gt = truth.hand(h);
            HandPrediction pred = prediction.hand(h);
            if (gt == null || pred == null || pred.joints2dView() == null) {
                continue;
            }
            double[] e = PointErrors.distances2d(PointErrors.project(gt.jointsView(), truth.intrinsics()),
                pred.joints2dView());
            for (int j = 0; j < Hands.JOINTS; j++) {
                if (gt.valid(j)) {
                    predicted2d.add(frames, h, j, e[j]);
                }
            }
        }
    }

    /**
     * {@code truth} with its hands replaced by the MANO-derived ones ({@link ManoHand#meshJoints()} when
     * {@code meshJoints}, else {@link ManoHand#skeletonJoints()}), keeping the annotation's joint validity; a hand
     * the annotation has but the MANO parameters lack becomes null.
     *
     * @throws IllegalStateException when the sample carries no MANO-derived hands
     */
    static GroundTruthSample manoTruth(GroundTruthSample truth, boolean meshJoints) {
        if (truth.mano() == null) {
            throw new IllegalStateException("sample " + truth.id() + " has no MANO-derived ground truth; the protocol "
                + "was set to use it");
        }
        HandTruth[] hands = new HandTruth[2];
        for (int h = 0; h < 2; h++) {
            HandTruth annotated = truth.hand(h);
            ManoHand m = truth.mano().hand(h);
            if (annotated != null && m != null) {
                hands[h] = m.asTruth(meshJoints, annotated.jointValid());
            }
        }
        return new GroundTruthSample(truth.id(), truth.handType(), truth.handTypeValid(), hands[Hands.RIGHT],
            hands[Hands.LEFT], truth.intrinsics(), truth.mano());
    }

    /** Hands the annotation shows whose MANO parameters are missing. */
    static int handsLackingMano(GroundTruthSample truth) {
        if (truth.mano() == null) {
            throw new IllegalStateException("sample " + truth.id() + " has no MANO-derived ground truth; the protocol "
                + "was set to use it");
        }
        int n = 0;
        for (int h = 0; h < 2; h++) {
            if (truth.hand(h) != null && truth.mano().hand(h) == null) {
                n++;
            }
        }
        return n;
    }

    /** The 2-D errors of the predictors' own {@code joints_2d} (0-30 px, 700 thresholds). */
    protected JointErrorTable predicted2d() {
        return predicted2d;
    }

    /** {@code tables} followed by the supplementary ones. */
    protected List<EvalReport.MetricTable> withSupplementary(List<EvalReport.MetricTable> tables) {
        List<EvalReport.MetricTable> all = new ArrayList<>(tables);
        all.addAll(supplementaryTables());
        return all;
    }

    /** The supplementary tables every protocol reports when it has their data. */
    protected List<EvalReport.MetricTable> supplementaryTables() {
        if (predicted2d.count(Split.ALL, HandColumn.BOTH) == 0) {
            return List.of();
        }
        return List.of(table("predicted_joint_2d", "2-D joint error of the predicted joints_2d", "px", false,
            predicted2d, Aggregation.POOLED));
    }

    /** Counts a frame the protocol evaluates. */
    protected void countFrame(GroundTruthSample truth) {
        evaluated++;
        if (truth.handType().single()) {
            single++;
        } else {
            interacting++;
        }
    }

    protected EvalCounts counts(EvalCounts matching) {
        return new EvalCounts(matching.groundTruthSamples(), matching.predictions(), evaluated, single, interacting,
            matching.samplesWithoutPrediction(), matching.predictionsWithoutGroundTruth(), handsWithoutPrediction,
            outsideProtocol, samplesWithoutMano, handsWithoutMano);
    }

    /** Notes every report carries about left-out data. */
    protected List<String> standardNotes(EvalCounts c) {
        List<String> out = new ArrayList<>();
        if (c.samplesWithoutPrediction() > 0) {
            out.add(c.samplesWithoutPrediction() + " ground-truth samples had no prediction and are left out; "
                + "the numbers are not comparable with results on the full set.");
        }
        if (c.predictionsWithoutGroundTruth() > 0) {
            out.add(c.predictionsWithoutGroundTruth() + " predictions name sample ids without ground truth and "
                + "were ignored.");
        }
        if (c.handsWithoutPrediction() > 0) {
            out.add(c.handsWithoutPrediction() + " annotated hands had no predicted hand and are left out of the "
                + "errors.");
        }
        if (c.samplesWithoutMano() > 0) {
            out.add(c.samplesWithoutMano() + " samples lack MANO parameters for a hand they show and are left out, as "
                + "the reference's data selection drops them.");
        }
        if (c.handsWithoutMano() > 0) {
            out.add(c.handsWithoutMano() + " hands lack MANO parameters and are left out (the reference marks their "
                + "joints invalid).");
        }
        out.addAll(notes);
        return out;
    }

    static EvalReport.MetricTable table(String key, String title, String unit, boolean official,
                                        JointErrorTable t, Aggregation aggregation) {
        double[][] values = new double[3][3];
        long[][] counts = new long[3][3];
        for (Split s : Split.values()) {
            for (HandColumn c : HandColumn.values()) {
                counts[s.ordinal()][c.ordinal()] = t.count(s, c);
                values[s.ordinal()][c.ordinal()] = switch (aggregation) {
                    case MEAN_OF_POINT_MEANS -> t.meanOfPointMeans(s, c);
                    case POOLED -> t.meanOfAll(s, c);
                    case HAND_AVERAGE -> c == HandColumn.BOTH ? handAverage(t, s) : t.meanOfAll(s, c);
                };
            }
        }
        return new EvalReport.MetricTable(key, title, unit, aggregation.text, official, values, counts);
    }

    /** (left + right) / 2; the one hand with data when the other has none. */
    private static double handAverage(JointErrorTable t, Split s) {
        double left = t.meanOfAll(s, HandColumn.LEFT);
        double right = t.meanOfAll(s, HandColumn.RIGHT);
        if (Double.isNaN(left)) {
            return right;
        }
        if (Double.isNaN(right)) {
            return left;
        }
        return (left + right) / 2;
    }

    /** PCK curves of every split x hand cell with data. */
    static List<EvalReport.PckCurve> curves(String key, String title, String unit, JointErrorTable t) {
        List<EvalReport.PckCurve> out = new ArrayList<>();
        for (Split s : Split.values()) {
            for (HandColumn c : HandColumn.values()) {
                JointErrorTable.Pck pck = t.pckOfPointMeans(s, c);
                if (pck != null) {
                    out.add(new EvalReport.PckCurve(key, title, unit, s, c, t.thresholds().values(), pck.curve(),
                        pck.auc()));
                }
            }
        }
        return out;
    }

    /** Per-joint means of both hands over every split with data. */
    static List<EvalReport.PerJointErrors> perJoint(String key, String title, String unit, JointErrorTable t) {
        List<EvalReport.PerJointErrors> out = new ArrayList<>();
        for (Split s : Split.values()) {
            if (t.count(s, HandColumn.BOTH) > 0) {
                out.add(new EvalReport.PerJointErrors(key, title, unit, s, JOINT_NAMES,
                    t.pointMeans(s, Hands.RIGHT), t.pointMeans(s, Hands.LEFT)));
            }
        }
        return out;
    }

    /** Adds the errors of the valid joints of one hand. */
    static void addJoints(JointErrorTable table, Split frames, int hand, double[] gt, double[] aligned,
                          boolean[] valid) {
        double[] e = PointErrors.distances3d(gt, aligned);
        for (int j = 0; j < Hands.JOINTS; j++) {
            if (valid == null || valid[j]) {
                table.add(frames, hand, j, e[j]);
            }
        }
    }

    /** Adds every vertex error of one hand into point 0 of a one-point table. */
    static void addVertices(JointErrorTable table, Split frames, int hand, double[] gt, double[] aligned,
                            String sampleId) {
        if (gt.length != aligned.length) {
            throw new DegenerateHandException("sample " + sampleId + ": the predicted " + Hands.name(hand) + " hand has "
                + aligned.length / 3 + " vertices, the ground truth " + gt.length / 3);
        }
        for (double e : PointErrors.distances3d(gt, aligned)) {
            table.add(frames, hand, 0, e);
        }
    }

    static boolean[] allTrue() {
        boolean[] b = new boolean[Hands.JOINTS];
        Arrays.fill(b, true);
        return b;
    }

    static EvalReport.Scalar scalar(String key, String title, String unit, double sum, long count, boolean official) {
        return new EvalReport.Scalar(key, title, unit, count == 0 ? Double.NaN : sum / count, count, official);
    }
}
