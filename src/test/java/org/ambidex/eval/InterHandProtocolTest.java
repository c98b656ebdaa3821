package org.ambidex.eval;

import static org.ambidex.eval.TestHands.hand;
import static org.ambidex.eval.TestHands.pred;
import static org.ambidex.eval.TestHands.shifted;
import static org.ambidex.eval.TestHands.translated;
import static org.ambidex.eval.TestHands.truth;
import static org.ambidex.eval.TestHands.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ambidex.data.HandType;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.SimilarityTransform;
import org.ambidex.geom.Vec3;
import org.junit.jupiter.api.Test;

class InterHandProtocolTest {

    private static final double MM = 1e-3;
    /** Numbers must agree to 1e-6 mm. */
    private static final double TOL = 1e-9;

    private static final double[] R = hand(0.1, 0.0, 0.6);
    private static final double[] L = hand(-0.2, 0.05, 0.65);

    private static EvalReport evaluate(List<GroundTruthSample> gt, List<Prediction> preds) {
        return Evaluator.evaluate(new InterHandProtocol(PckThresholds.DEFAULT), gt, preds);
    }

    /**
     * A: single right, joint 5 off by 3 mm. B: single right, joint 5 invalid (off by 10 mm), joint 6 off by 4 mm, the
     * whole hand 1 m away (removed by the wrist alignment), hand type not valid. C: interacting, right joint 5 off by
     * 6 mm, left wrist invalid (whole left hand out). D: interacting, both exact, the left hand 4 mm off as a whole.
     */
    private static EvalReport fourFrames() {
        List<GroundTruthSample> gt = List.of(
            new GroundTruthSample("A", HandType.RIGHT, true, truth(R, valid()), null, null),
            new GroundTruthSample("B", HandType.RIGHT, false, truth(R, valid(5)), null, null),
            new GroundTruthSample("C", HandType.INTERACTING, true, truth(R, valid()), truth(L, valid(0)), null),
            new GroundTruthSample("D", HandType.INTERACTING, true, truth(R, valid()), truth(L, valid()), null));
        List<Prediction> preds = List.of(
            new Prediction("A", pred(shifted(R, 5, 3 * MM, 0, 0), 0.9), null, null),
            new Prediction("B", pred(translated(shifted(shifted(R, 5, 10 * MM, 0, 0), 6, 0, 4 * MM, 0), 1, 1, 1), 0.2),
                null, null),
            new Prediction("C", pred(shifted(R, 5, 0, 0, 6 * MM), 0.7), pred(L, 0.4), null),
            new Prediction("D", pred(R, Double.NaN), pred(translated(L, 0, 4 * MM, 0), Double.NaN), null));
        return evaluate(gt, preds);
    }

    @Test
    void mpjpeIsTheMeanOfPerJointMeansPerSplitAndHand() {
        EvalReport.MetricTable t = fourFrames().table("mpjpe");
        // single, right: joint 5 mean 3 (A); joint 6 mean (0 + 4) / 2 = 2; 21 joints with data.
        assertThat(t.value(Split.SINGLE, HandColumn.RIGHT) / MM).isCloseTo((3 + 2) / 21.0, within(TOL));
        assertThat(t.value(Split.SINGLE, HandColumn.LEFT)).isNaN();
        assertThat(t.value(Split.SINGLE, HandColumn.BOTH) / MM).isCloseTo((3 + 2) / 21.0, within(TOL));
        // interacting, right: joint 5 (6 + 0) / 2 = 3; left only from D, all 0.
        assertThat(t.value(Split.INTERACTING, HandColumn.RIGHT) / MM).isCloseTo(3 / 21.0, within(TOL));
        assertThat(t.value(Split.INTERACTING, HandColumn.LEFT) / MM).isCloseTo(0, within(TOL));
        assertThat(t.value(Split.INTERACTING, HandColumn.BOTH) / MM).isCloseTo(3 / 42.0, within(TOL));
        // all, right: joint 5 (3 + 6 + 0) / 3 = 3, joint 6 (0 + 4 + 0 + 0) / 4 = 1.
        assertThat(t.value(Split.ALL, HandColumn.RIGHT) / MM).isCloseTo(4 / 21.0, within(TOL));
        assertThat(t.value(Split.ALL, HandColumn.BOTH) / MM).isCloseTo(4 / 42.0, within(TOL));
        // Instances: right A 21, B 20, C 21, D 21; left D 21.
        assertThat(t.count(Split.ALL, HandColumn.BOTH)).isEqualTo(21 + 20 + 21 + 21 + 21);
    }

    @Test
    void mrrpeAndHandednessFollowTheReferenceRules() {
        EvalReport r = fourFrames();
        // Only D has both wrists valid; its predicted left-minus-right wrist is 4 mm off.
        assertThat(r.scalar("mrrpe").value() / MM).isCloseTo(4, within(TOL));
        assertThat(r.scalar("mrrpe").count()).isEqualTo(1);
        // A right (0.9, absent = 0): correct; B hand type invalid: not counted; C interacting with p(left) 0.4:
        // wrong; D no presence given (= 1, 1): correct.
        assertThat(r.scalar("handedness_accuracy").value()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(r.scalar("handedness_accuracy").count()).isEqualTo(3);
        assertThat(r.counts().singleSamples()).isEqualTo(2);
        assertThat(r.counts().interactingSamples()).isEqualTo(2);
    }

    @Test
    void anExplicitRelativeRootIsUsedForMrrpe() {
        Vec3 trueRel = Vec3.of(L, 0).minus(Vec3.of(R, 0));
        List<GroundTruthSample> gt = List.of(
            new GroundTruthSample("E", HandType.INTERACTING, true, truth(R, valid()), truth(L, valid()), null));
        // Both hands predicted at the origin (root-relative), the relative root given 3 mm (in x) and 4 mm (in z) off.
        List<Prediction> preds = List.of(new Prediction("E", pred(translated(R, -R[0], -R[1], -R[2]), 1),
            pred(translated(L, -L[0], -L[1], -L[2]), 1), trueRel.plus(new Vec3(3 * MM, 0, 4 * MM))));
        EvalReport r = evaluate(gt, preds);
        assertThat(r.scalar("mrrpe").value() / MM).isCloseTo(5, within(TOL));
        assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.BOTH)).isCloseTo(0, within(1e-15));
    }

    @Test
    void missingPredictionsAndHandsAreCountedAndNoted() {
        List<GroundTruthSample> gt = List.of(
            new GroundTruthSample("F", HandType.INTERACTING, true, truth(R, valid()), truth(L, valid()), null),
            new GroundTruthSample("G", HandType.LEFT, true, null, truth(L, valid()), null));
        List<Prediction> preds = List.of(new Prediction("F", pred(R, 1), null, null),
            new Prediction("X", pred(R, 1), null, null));
        EvalReport r = evaluate(gt, preds);
        assertThat(r.counts().samplesWithoutPrediction()).isEqualTo(1);
        assertThat(r.counts().predictionsWithoutGroundTruth()).isEqualTo(1);
        assertThat(r.counts().handsWithoutPrediction()).isEqualTo(1);
        assertThat(r.scalar("mrrpe").count()).isZero();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("had no prediction"));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("no predicted relative root"));
    }

    @Test
    void procrustesAlignedMpjpeRemovesEachHandsRotationAndScaleButNotItsArticulation() {
        // The right hand turned 30 degrees about a tilted axis, 10% larger and 1 m away: only its pose is right.
        SimilarityTransform moved = new SimilarityTransform(1.1,
            Rotations.axisAngleToMatrix(new Vec3(0.3, -0.2, 0.4).normalized().times(Math.toRadians(30))),
            new Vec3(1, 0, 0));
        double[] similar = moved.applyToPoints(R);
        List<GroundTruthSample> gt = List.of(
            new GroundTruthSample("H", HandType.RIGHT, true, truth(R, valid()), null, null),
            new GroundTruthSample("I", HandType.LEFT, true, null, truth(L, valid()), null));
        List<Prediction> preds = List.of(new Prediction("H", pred(similar, 1), null, null),
            new Prediction("I", null, pred(shifted(L, 8, 0, 5 * MM, 0), 1), null));
        EvalReport r = evaluate(gt, preds);
        EvalReport.MetricTable pa = r.table("pa_mpjpe");
        assertThat(pa.official()).isFalse();
        assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.RIGHT) / MM).isGreaterThan(10);
        assertThat(pa.value(Split.ALL, HandColumn.RIGHT)).isCloseTo(0, within(1e-12));
        // A moved fingertip is articulation: the alignment spreads it over the joints but cannot remove it. Least
        // squares keeps the sum of squared errors at most the unaligned 25 mm^2, so by Cauchy-Schwarz the mean
        // error is at most sqrt(25 / 21) mm.
        assertThat(pa.value(Split.ALL, HandColumn.LEFT) / MM).isBetween(0.05, Math.sqrt(25 / 21.0));
        assertThat(pa.count(Split.ALL, HandColumn.BOTH)).isEqualTo(42);
    }
}
