package org.ambidex.eval;

import static org.ambidex.eval.TestHands.hand;
import static org.ambidex.eval.TestHands.shifted;
import static org.ambidex.eval.TestHands.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ambidex.data.HandType;
import org.ambidex.eval.ZhangProtocol.Validity;
import org.junit.jupiter.api.Test;

class ZhangProtocolTest {

    private static final double MM = 1e-3;
    private static final double TOL = 1e-9;
    private static final double[] R = hand(0.1, 0.0, 0.5);
    private static final double[] L = hand(-0.2, 0.05, 0.55);

    @Test
    void publishedValidityReadsInterHandFlagsInManoOrder() {
        // Only OpenPose joint 2 (thumb2) invalid: it is InterHand slot 2, which the code applies to MANO slot 2,
        // i.e. OpenPose joint 6 (index2). Hand factor: IH slots 4 and 0 (index tip, thumb tip) are valid.
        boolean[] published = ZhangProtocol.effectiveValidity(valid(2), Validity.AS_PUBLISHED);
        assertThat(published).isEqualTo(valid(6));
        assertThat(ZhangProtocol.effectiveValidity(valid(2), Validity.REMAPPED)).isEqualTo(valid(2));
        // The index tip (OpenPose 8) is IH slot 4: as published it invalidates the whole hand.
        assertThat(ZhangProtocol.effectiveValidity(valid(8), Validity.AS_PUBLISHED)).isEqualTo(valid(
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
        // Remapped, an invalid middle MCP invalidates the hand (it is the alignment root).
        assertThat(ZhangProtocol.effectiveValidity(valid(9), Validity.REMAPPED)).isEqualTo(valid(
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
    }

    private static EvalReport evaluate(Validity validity) {
        // Right: index tip (8) invalid and 5 mm off, thumb joint 3 1 mm off; prediction half the size.
        double[] rightPred = TestHands.scaledAbout(shifted(shifted(R, 8, 5 * MM, 0, 0), 3, 0, 0, 1 * MM), 9, 0.5);
        double[] rv = {0.1, 0, 0.5, 0.11, 0, 0.5, 0.1, 0.01, 0.5, 0.1, 0, 0.51};
        double[] lv = {-0.2, 0.05, 0.55, -0.19, 0.05, 0.55, -0.2, 0.06, 0.55, -0.2, 0.05, 0.56};
        double[] rvPred = new double[rv.length];
        for (int i = 0; i < rv.length; i++) {
            rvPred[i] = (rv[i] - R[27 + i % 3]) * 0.5 + R[27 + i % 3];
        }
        rvPred[0] += 0.5 * 2 * MM; // vertex 0 off by 2 mm once scaled back
        List<GroundTruthSample> gt = List.of(
            new GroundTruthSample("i", HandType.INTERACTING, true, new HandTruth(R, valid(8), rv),
                new HandTruth(L, valid(), lv), null),
            new GroundTruthSample("s", HandType.RIGHT, true, new HandTruth(R, valid(), null), null, null));
        List<Prediction> preds = List.of(
            new Prediction("i", new HandPrediction(rightPred, rvPred, 1, null), new HandPrediction(L, lv, 1, null), null),
            new Prediction("s", HandPrediction.ofJoints(shifted(R, 1, 9, 9, 9)), null, null));
        return Evaluator.evaluate(new ZhangProtocol(PckThresholds.DEFAULT, true, validity), gt, preds);
    }

    @Test
    void remappedValidity() {
        EvalReport r = evaluate(Validity.REMAPPED);
        EvalReport.MetricTable t = r.table("mpjpe");
        // Right: 20 joints with data, joint 3 at 1 mm. Left: 21 joints at 0. Both: 41 joints.
        assertThat(t.value(Split.INTERACTING, HandColumn.RIGHT) / MM).isCloseTo(1 / 20.0, within(TOL));
        assertThat(t.value(Split.ALL, HandColumn.BOTH) / MM).isCloseTo(1 / 41.0, within(TOL));
        // The single-hand frame is outside the protocol (interacting only).
        assertThat(t.value(Split.SINGLE, HandColumn.BOTH)).isNaN();
        assertThat(r.counts().samplesOutsideProtocol()).isEqualTo(1);
        // MPVPE pools all 8 vertices: one 2 mm error.
        EvalReport.MetricTable v = r.table("mpvpe");
        assertThat(v.value(Split.ALL, HandColumn.BOTH) / MM).isCloseTo(2 / 8.0, within(TOL));
        assertThat(v.value(Split.ALL, HandColumn.RIGHT) / MM).isCloseTo(2 / 4.0, within(TOL));
    }

    @Test
    void publishedValidityDropsTheHandWhoseIndexTipIsInvalid() {
        EvalReport r = evaluate(Validity.AS_PUBLISHED);
        EvalReport.MetricTable t = r.table("mpjpe");
        assertThat(t.value(Split.ALL, HandColumn.RIGHT)).isNaN();
        assertThat(t.value(Split.ALL, HandColumn.BOTH)).isCloseTo(0, within(1e-15));
    }

    @Test
    void aucIsEvalUtilsMeanOverKeypoints() {
        EvalReport r = Evaluator.evaluate(new ZhangProtocol(new PckThresholds(0, 4 * MM, 5), true, Validity.REMAPPED),
            List.of(new GroundTruthSample("i", HandType.INTERACTING, true, new HandTruth(R, valid(), null),
                new HandTruth(L, valid(), null), null)),
            List.of(new Prediction("i", HandPrediction.ofJoints(shifted(R, 3, 2.5 * MM, 0, 0)),
                HandPrediction.ofJoints(L), null)));
        // 41 keypoints at 0 error (AUC 1 each... PCK 1 at every threshold) and one at 2.5 mm: PCK 0,0,0,1,1 with area
        // (0 + 0 + 1/2 + 1) / 4 = 3/8. Mean over 42 keypoints: (41 + 3/8) / 42.
        assertThat(r.scalar("auc").value()).isCloseTo((41 + 3.0 / 8) / 42, within(1e-15));
    }

    @Test
    void subRangeAreasFollowNumpySlicing() {
        // One keypoint error of 25 mm, 41 at 0 (default thresholds 0..50 mm, 200 steps).
        EvalReport r = Evaluator.evaluate(new ZhangProtocol(PckThresholds.DEFAULT, true, Validity.REMAPPED),
            List.of(new GroundTruthSample("i", HandType.INTERACTING, true, new HandTruth(R, valid(), null),
                new HandTruth(L, valid(), null), null)),
            List.of(new Prediction("i", HandPrediction.ofJoints(shifted(R, 3, 0.025, 0, 0)),
                HandPrediction.ofJoints(L), null)));
        double[] t = PckThresholds.DEFAULT.values();
        double[] step = new double[200];
        for (int i = 0; i < 200; i++) {
            step[i] = t[i] >= 0.025 ? 1 : 0;
        }
        // Over thresholds[80:] (20.1-50 mm) and [:120] (0-29.9 mm) the one keypoint's areas are computed alike.
        double high = (41 + PckThresholds.DEFAULT.normalisedArea(step, 80, 200)) / 42;
        double low = (41 + PckThresholds.DEFAULT.normalisedArea(step, 0, 120)) / 42;
        assertThat(r.scalar("auc_20_50").value()).isCloseTo(high, within(1e-15));
        assertThat(r.scalar("auc_0_30").value()).isCloseTo(low, within(1e-15));
        // By hand: the step is at t[100] = 25.126 mm (t[99] = 24.874 < 25): over [80, 200) it is 0 for 20 intervals,
        // half for one, 1 for 99: (0.5 + 99) / 119.
        assertThat(PckThresholds.DEFAULT.normalisedArea(step, 80, 200)).isCloseTo(99.5 / 119, within(1e-12));
    }

    @Test
    void wideAndTwoDimensionalAreasAsMainEvalPrintsThem() {
        // Right joint 3 is 20 mm off (alignment leaves it: wrist and middle MCP are exact); right joint 5's predicted
        // pixel is 3 px off. Both curves are EvalUtil means over 42 keypoints, 41 of them perfect.
        org.ambidex.geom.Intrinsics k = new org.ambidex.geom.Intrinsics(1000, 1000, 128, 128);
        double[] r2d = PointErrors.project(R, k);
        r2d[2 * 5] += 3;
        double[] l2d = PointErrors.project(L, k);
        EvalReport r = Evaluator.evaluate(new ZhangProtocol(PckThresholds.DEFAULT, true, Validity.REMAPPED),
            List.of(new GroundTruthSample("i", HandType.INTERACTING, true, new HandTruth(R, valid(), null),
                new HandTruth(L, valid(), null), k)),
            List.of(new Prediction("i", new HandPrediction(shifted(R, 3, 0.020, 0, 0), null, 1, r2d),
                new HandPrediction(L, null, 1, l2d), null)));
        // 0-100 mm in 200 thresholds, step 100/199 mm: the 20 mm keypoint's PCK steps to 1 at t[40] = 20.10 mm
        // (t[39] = 19.60): area half a step plus the 159 steps above, over 100 mm.
        double step = 100 / 199.0;
        double wide = (0.5 * step + 159 * step) / 100;
        assertThat(r.scalar("auc_0_100").value()).isCloseTo((41 + wide) / 42, within(1e-12));
        // 0-30 px in 700 thresholds, step 30/699 px: the 3 px keypoint steps at t[70] = 3.004 px (t[69] = 2.961).
        double px = 30 / 699.0;
        double twoD = (0.5 * px + (699 - 70) * px) / 30;
        assertThat(r.scalar("auc_2d").value()).isCloseTo((41 + twoD) / 42, within(1e-12));
        assertThat(r.curves()).extracting(EvalReport.PckCurve::key).contains("pck", "pck_0_100", "pck_2d");
    }

    @Test
    void theReportSaysWhichValidityWasUsed() {
        String remapped = ReportMarkdown.render(evaluate(Validity.REMAPPED), java.util.Map.of(), java.util.Map.of());
        String published = ReportMarkdown.render(evaluate(Validity.AS_PUBLISHED), java.util.Map.of(),
            java.util.Map.of());
        assertThat(remapped).contains("Joint validity remapped").contains("--zhang-validity as_published");
        assertThat(published).contains("Joint validity as published");
    }
}
