package org.ambidex.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ambidex.hand.HandSide;

/** One {@link Hand2dProtocol} evaluation in progress: instances go in one at a time, the report comes out. */
final class Hand2dRun {

    private final Hand2dProtocol protocol;
    private final Hand2dStats all;
    /** By {@link HandSide#index()}. */
    private final Hand2dStats[] sides;
    private final Map<HandKeypointTruth.LeftOut, Long> leftOut = new EnumMap<>(HandKeypointTruth.LeftOut.class);
    private long evaluated;
    private long withoutSample;
    private long withoutHand;
    private long chosenOfTwo;
    private long handednessCorrect;
    private long handednessCount;

    Hand2dRun(Hand2dProtocol protocol) {
        this.protocol = protocol;
        all = new Hand2dStats(protocol);
        sides = new Hand2dStats[] {new Hand2dStats(protocol), new Hand2dStats(protocol)};
    }

    /** Adds one instance with the prediction whose id it has, or null when none has. */
    void add(HandKeypointTruth truth, Prediction prediction) {
        if (truth.leftOut() != null) {
            leftOut.merge(truth.leftOut(), 1L, Long::sum);
            return;
        }
        evaluated++;
        HandPrediction hand = prediction == null ? null : answer(truth, prediction);
        if (prediction == null) {
            withoutSample++;
        } else if (hand == null) {
            withoutHand++;
        }
        float[] uv = hand == null ? null : float32(hand.joints2dView());
        all.add(truth, uv);
        if (truth.side() != null) {
            sides[truth.side().index()].add(truth, uv);
            if (prediction != null && (prediction.right() != null || prediction.left() != null)) {
                double right = prediction.presence(Hands.RIGHT);
                double left = prediction.presence(Hands.LEFT);
                HandSide predicted = right > left ? HandSide.RIGHT : left > right ? HandSide.LEFT : null;
                handednessCorrect += predicted == truth.side() ? 1 : 0;
                handednessCount++;
            }
        }
    }

    /** The predicted hand that answers {@code truth}, or null; see {@link Hand2dProtocol}. */
    private HandPrediction answer(HandKeypointTruth truth, Prediction p) {
        HandPrediction hand;
        String side;
        if (truth.side() != null) {
            hand = p.hand(truth.side().index());
            side = truth.side().label();
        } else if (p.right() != null && p.left() != null) {
            chosenOfTwo++;
            boolean left = p.left().presenceOrOne() > p.right().presenceOrOne();
            hand = left ? p.left() : p.right();
            side = left ? "left" : "right";
        } else {
            hand = p.right() != null ? p.right() : p.left();
            side = p.right() != null ? "right" : "left";
        }
        if (hand != null && hand.joints2dView() == null) {
            throw new IllegalArgumentException("sample " + p.id() + ": the " + side + " hand has no \"joints_2d\"; the "
                + Hand2dProtocol.NAME + " protocol scores 2-D keypoints (pixels of the original image)");
        }
        return hand;
    }

    /** The predicted pixels as an mmpose model gives them: float32. */
    private static float[] float32(double[] uv) {
        float[] out = new float[uv.length];
        for (int i = 0; i < uv.length; i++) {
            out[i] = (float) uv[i];
        }
        return out;
    }

    EvalReport finish(IdMatching.Result matching) {
        long excluded = leftOut.values().stream().mapToLong(Long::longValue).sum();
        EvalCounts counts = new EvalCounts(evaluated + excluded, matching.offered(), evaluated, 0, 0, withoutSample,
            matching.unmatched(), withoutHand, excluded, 0, 0);
        boolean sided = sides[0].instances() + sides[1].instances() > 0;
        List<EvalReport.Scalar> scalars = new ArrayList<>(scalars(all, "", "", true));
        List<EvalReport.PckCurve> curves = new ArrayList<>();
        curve(curves, all, HandColumn.BOTH);
        if (sided) {
            for (HandSide s : new HandSide[] {HandSide.LEFT, HandSide.RIGHT}) {
                scalars.addAll(scalars(sides[s.index()], "_" + s.label(), ", " + s.label() + " hands", false));
                curve(curves, sides[s.index()], s == HandSide.LEFT ? HandColumn.LEFT : HandColumn.RIGHT);
            }
            scalars.add(ProtocolRun.scalar("handedness_accuracy", "Handedness accuracy (higher presence on the "
                + "annotated side)", "1", handednessCorrect, handednessCount, false));
        }
        String pckTitle = "PCK@" + plain(protocol.pckThreshold());
        List<EvalReport.PerJointErrors> perKeypoint = List.of(
            perKeypoint("epe", "Per-keypoint EPE", "px", Hand2dStats::epePerKeypoint),
            perKeypoint("pck", "Per-keypoint " + pckTitle + " (box-normalised)", "1", Hand2dStats::pckPerKeypoint));
        return new EvalReport(Hand2dProtocol.NAME, "mmpose 2-D hand keypoint evaluation (PCKAccuracy bbox, AUC, EPE)",
            method(), counts, List.of(), scalars, curves, perKeypoint, notes(counts));
    }

    private List<EvalReport.Scalar> scalars(Hand2dStats s, String suffix, String title, boolean official) {
        return List.of(
            new EvalReport.Scalar("pck" + suffix, "PCK@" + plain(protocol.pckThreshold()) + ", box-normalised"
                + title, "1", s.pck(), s.keypoints(), official),
            new EvalReport.Scalar("auc" + suffix, "AUC of the PCK over 0-" + plain(protocol.aucNormPixels()) + " px ("
                + protocol.aucSteps() + " thresholds)" + title, "1", s.auc(), s.keypoints(), official),
            new EvalReport.Scalar("epe" + suffix, "EPE, mean keypoint distance" + title, "px", s.epe(), s.distances(),
                official));
    }

    private void curve(List<EvalReport.PckCurve> out, Hand2dStats s, HandColumn column) {
        double auc = s.auc();
        if (!Double.isNaN(auc)) {
            out.add(new EvalReport.PckCurve("pck_px", "2-D PCK at the AUC thresholds", "px", Split.ALL, column,
                protocol.aucThresholdPixels(), s.aucCurve(), auc));
        }
    }

    private EvalReport.PerJointErrors perKeypoint(String key, String title, String unit,
                                                  Function<Hand2dStats, double[]> values) {
        return new EvalReport.PerJointErrors(key, title, unit, Split.ALL, ProtocolRun.JOINT_NAMES,
            values.apply(sides[HandSide.RIGHT.index()]), values.apply(sides[HandSide.LEFT.index()]), values.apply(all));
    }

    private List<String> method() {
        String thr = plain(protocol.pckThreshold());
        String norm = plain(protocol.aucNormPixels());
        return List.of(
            "Instances as mmpose's hand datasets load them: float32 pixels of the original image; a keypoint counts "
                + "when its visibility flag is non-zero; crowd annotations, hands without a labelled keypoint and "
                + "boxes without area are left out.",
            "Distances per keypoint as mmpose's _calc_distances (float32).",
            "PCK@" + thr + " (PCKAccuracy, norm_item bbox): distance / max(x2 - x1, y2 - y1) of the instance's box "
                + "< " + thr + "; per-keypoint fraction, then the mean over keypoints.",
            "AUC (keypoint_auc, norm_factor " + norm + ", num_thrs " + protocol.aucSteps() + "): the same PCK of "
                + "distance / " + norm + " px at i / " + protocol.aucSteps() + " for i = 0 .. "
                + (protocol.aucSteps() - 1) + ", summed with weight 1 / " + protocol.aucSteps() + ".",
            "EPE (keypoint_epe): mean pixel distance over every counted keypoint.",
            "An instance without a predicted hand misses at every threshold of PCK and AUC and is left out of EPE "
                + "(mmpose always predicts every instance).");
    }

    private List<String> notes(EvalCounts c) {
        List<String> out = new ArrayList<>();
        out.add("Samples are hand instances: predictions are matched by the instance id (COCO-WholeBody: annotation "
            + "id/side, e.g. 12345/right; plain files: the annotation id).");
        long missing = c.samplesWithoutPrediction() + c.handsWithoutPrediction();
        if (missing > 0) {
            out.add(missing + " of " + c.evaluatedSamples() + " instances had no predicted hand (" + c
                .samplesWithoutPrediction() + " without a prediction, " + c.handsWithoutPrediction() + " whose "
                + "prediction lacks the hand of the instance's side): each counts as a miss in PCK and AUC and is left "
                + "out of EPE. mmpose's numbers assume every instance predicted.");
        }
        leftOut.forEach((reason, n) -> out.add(n + " instances left out, as mmpose's dataset leaves them out: "
            + reason.text() + "."));
        if (c.predictionsWithoutGroundTruth() > 0) {
            out.add(c.predictionsWithoutGroundTruth() + " predictions name ids of no hand instance and were ignored.");
        }
        if (chosenOfTwo > 0) {
            out.add(chosenOfTwo + " predictions for hands of unknown side gave two hands: the one with the higher "
                + "presence (the right one on a tie) was scored.");
        }
        int empty = 0;
        for (double v : all.pckPerKeypoint()) {
            empty += Double.isNaN(v) ? 1 : 0;
        }
        if (empty > 0 && empty < HandKeypointTruth.KEYPOINTS) {
            out.add(empty + " keypoints are never visible and are left out of the PCK means, as mmpose leaves them "
                + "out.");
        }
        return out;
    }

    /** A number without trailing zeros (0.2, 30). */
    private static String plain(double v) {
        return new BigDecimal(Double.toString(v)).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros()
            .toPlainString();
    }
}
