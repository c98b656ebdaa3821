package org.ambidex.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ambidex.eval.TestHands.hand;
import static org.ambidex.eval.TestHands.shifted;

import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.SimilarityAlignment;
import org.junit.jupiter.api.Test;

class MetricPrimitivesTest {

    private static final double MM = 1e-3;

    @Test
    void linspaceThresholdsMatchNumpy() {
        double[] t = PckThresholds.DEFAULT.values();
        assertThat(t).hasSize(200);
        assertThat(t[0]).isEqualTo(0);
        assertThat(t[199]).isEqualTo(0.05);
        assertThat(t[1]).isEqualTo(0.05 / 199);
        assertThat(PckThresholds.FREIHAND.values()[99]).isEqualTo(0.05);
    }

    @Test
    void pckAndAucOfAHandComputedCase() {
        // Thresholds 0, 1, 2, 3, 4 mm; errors 1.5 and 2.5 mm: PCK = 0, 0, 1/2, 1, 1.
        PckThresholds t = new PckThresholds(0, 4 * MM, 5);
        ErrorStats s = new ErrorStats(t.values());
        s.add(1.5 * MM);
        s.add(2.5 * MM);
        assertThat(s.pck()).containsExactly(0, 0, 0.5, 1, 1);
        // trapz = 1 mm * (0 + 1/4 + 3/4 + 1) = 2 mm over a 4 mm range.
        assertThat(t.normalisedArea(s.pck())).isCloseTo(0.5, within(1e-15));
        assertThat(s.mean()).isCloseTo(2 * MM, within(1e-18));
    }

    @Test
    void anErrorExactlyOnAThresholdCounts() {
        PckThresholds t = new PckThresholds(0, 4, 5);
        ErrorStats s = new ErrorStats(t.values());
        s.add(2);
        assertThat(s.pck()).containsExactly(0, 0, 1, 1, 1);
    }

    @Test
    void meanOfPointMeansDiffersFromMeanOverInstances() {
        JointErrorTable t = new JointErrorTable(21, PckThresholds.DEFAULT);
        // joint 0 of the right hand: 1 and 3 mm; joint 1: 8 mm.
        t.add(Split.SINGLE, Hands.RIGHT, 0, 1 * MM);
        t.add(Split.INTERACTING, Hands.RIGHT, 0, 3 * MM);
        t.add(Split.SINGLE, Hands.RIGHT, 1, 8 * MM);
        assertThat(t.meanOfPointMeans(Split.ALL, HandColumn.RIGHT)).isCloseTo((2 + 8) / 2.0 * MM, within(1e-15));
        assertThat(t.meanOfAll(Split.ALL, HandColumn.RIGHT)).isCloseTo((1 + 3 + 8) / 3.0 * MM, within(1e-15));
        assertThat(t.meanOfPointMeans(Split.SINGLE, HandColumn.RIGHT)).isCloseTo((1 + 8) / 2.0 * MM, within(1e-15));
        assertThat(t.meanOfPointMeans(Split.ALL, HandColumn.LEFT)).isNaN();
        assertThat(t.pointsWithoutData(Split.ALL, HandColumn.BOTH)).isEqualTo(42 - 2);
    }

    @Test
    void fScoreOfHandComputedPointSets() {
        double[] gt = {0, 0, 0, 1, 0, 0};
        double[] pred = {0, 0, 0.004, 0.001, 0, 0, 5, 0, 0};
        FScore f = FScore.of(gt, pred, 0.005)[0];
        // gt -> nearest pred: 0.001 (match), 0.999 (no): precision 1/2.
        // pred -> nearest gt: 0.004, 0.001 (match), 4 (no): recall 2/3. F = 2 (1/2)(2/3) / (1/2 + 2/3) = 4/7.
        assertThat(f.precision()).isEqualTo(0.5);
        assertThat(f.recall()).isEqualTo(2.0 / 3);
        assertThat(f.fScore()).isCloseTo(4.0 / 7, within(1e-15));
        // Strictly below: a distance equal to the threshold does not match.
        assertThat(FScore.of(new double[] {0, 0, 0}, new double[] {0.5, 0, 0}, 0.5)[0].fScore()).isZero();
    }

    @Test
    void rootAlignmentsAndScalingByHand() {
        double[] gt = hand(0.1, 0.2, 0.6);
        double wrist = 0;
        // Prediction: the true hand scaled by 2 about its middle MCP, moved by 1 m, and joint 4 off by 4 mm
        // in the prediction's own scale (so 2 mm once scaled back).
        double[] pred = TestHands.translated(TestHands.scaledAbout(gt, 9, 2), 1, 0, 0);
        pred = shifted(pred, 4, 4 * MM, 0, 0);
        assertThat(Metrics.mpjpe(gt, pred, null, Alignment.MIDDLE_MCP_SCALED)).isCloseTo(2 * MM / 21, within(1e-15));
        // Wrist-root scaling gives the same distances here: the scale is the same and rigid shifts cancel.
        assertThat(Metrics.mpjpe(gt, pred, null, Alignment.WRIST_SCALED)).isCloseTo(2 * MM / 21, within(1e-15));
        // Middle-MCP root without scale: joint j is off by |gt_j - gt_9| plus joint 4's shift.
        double[] unscaledWrist = TestHands.translated(gt, 0.3, 0, 0);
        assertThat(Metrics.mpjpe(gt, unscaledWrist, null, Alignment.WRIST)).isCloseTo(wrist, within(1e-15));
        assertThat(Metrics.mpjpe(gt, unscaledWrist, null, Alignment.NONE)).isCloseTo(0.3, within(1e-15));
        // Invalid joints are left out.
        double[] oneOff = shifted(gt, 7, 0, 0, 21 * MM);
        assertThat(Metrics.mpjpe(gt, oneOff, TestHands.valid(7), Alignment.WRIST)).isCloseTo(0, within(1e-15));
        assertThat(Metrics.mpjpe(gt, oneOff, null, Alignment.WRIST)).isCloseTo(1 * MM, within(1e-15));
    }

    @Test
    void procrustesAlignmentRemovesASimilarity() {
        double[] gt = hand(0, 0, 0.5);
        double[] pred = new org.ambidex.geom.SimilarityTransform(0.8,
            org.ambidex.geom.Mat3.ofRowMajor(0, -1, 0, 1, 0, 0, 0, 0, 1), new org.ambidex.geom.Vec3(3, 2, 1))
            .applyToPoints(gt);
        assertThat(Metrics.mpjpe(gt, pred, null,
            new Alignment.Procrustes(SimilarityAlignment.Reflection.PROPER_ROTATION))).isLessThan(1e-12);
    }

    @Test
    void degenerateScalingIsReported() {
        double[] gt = hand(0, 0, 0.5);
        double[] pred = new double[63];
        assertThatThrownBy(() -> Metrics.mpjpe(gt, pred, null, Alignment.MIDDLE_MCP_SCALED))
            .isInstanceOf(DegenerateHandException.class).hasMessageContaining("wrist and middle-finger MCP");
    }

    @Test
    void mpvpeUsesTheJointTransformAndTwoDErrorsArePixels() {
        double[] gtJ = hand(0, 0, 0.5);
        double[] predJ = TestHands.translated(gtJ, 0.01, 0, 0);
        double[] gtV = {0, 0, 0.5, 0.1, 0, 0.5};
        double[] predV = {0.01, 0, 0.5, 0.11, 0.003, 0.5};
        assertThat(Metrics.mpvpe(gtV, predV, gtJ, predJ, Alignment.WRIST)).isCloseTo(1.5 * MM, within(1e-15));
        Intrinsics k = new Intrinsics(1000, 1000, 100, 50);
        double[] uv = PointErrors.project(new double[] {0.05, -0.025, 0.5}, k);
        assertThat(uv).containsExactly(200, 0);
        assertThat(Metrics.meanError2d(new double[] {0, 0, 10, 10}, new double[] {3, 4, 10, 10})).isEqualTo(2.5);
    }
}
