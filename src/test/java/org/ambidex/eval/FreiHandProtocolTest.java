package org.ambidex.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ambidex.data.HandType;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.SimilarityTransform;
import org.ambidex.geom.Vec3;
import org.junit.jupiter.api.Test;

class FreiHandProtocolTest {

    private static final double MM = 1e-3;

    private static double[] vertices() {
        double[] v = new double[30 * 3];
        for (int i = 0; i < 30; i++) {
            v[3 * i] = 0.004 * i;
            v[3 * i + 1] = 0.01 * Math.sin(i);
            v[3 * i + 2] = 0.5 + 0.003 * (i % 5);
        }
        return v;
    }

    @Test
    void aShiftedHandHasItsShiftAsErrorAndNoneOnceAligned() {
        double[] joints = TestHands.hand(0, 0, 0.5);
        double[] verts = vertices();
        GroundTruthSample gt = new GroundTruthSample("00000000", HandType.RIGHT, true,
            HandTruth.allValid(joints, verts), null, null);
        // Shift by (3, 0, 4) mm = 5 mm.
        Prediction p = new Prediction("00000000", new HandPrediction(TestHands.translated(joints, 0.003, 0, 0.004),
            TestHands.translated(verts, 0.003, 0, 0.004), Double.NaN, null), null, null);
        EvalReport r = Evaluator.evaluate(FreiHandProtocol.reference(), List.of(gt), List.of(p));
        assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.RIGHT) / MM).isCloseTo(5, within(1e-9));
        assertThat(r.table("mpvpe").value(Split.ALL, HandColumn.RIGHT) / MM).isCloseTo(5, within(1e-9));
        // Aligned: only the script's 1e-8 norm offsets remain (far below a micrometre).
        assertThat(r.table("pa_mpjpe").value(Split.ALL, HandColumn.RIGHT) / MM).isLessThan(1e-4);
        assertThat(r.table("pa_mpvpe").value(Split.ALL, HandColumn.RIGHT) / MM).isLessThan(1e-4);
        // Unaligned, every vertex is 5 mm from its twin, but the nearest other point may be closer than 5 mm only
        // for neighbours: F@15 is 1; F@5 counts the nearest distance strictly below 5 mm.
        assertThat(r.scalar("f_15").value()).isEqualTo(1);
        assertThat(r.scalar("f_aligned_5").value()).isEqualTo(1);
        // Aligned errors are tiny but not zero: PCK is 0 at the 0 mm threshold and 1 from the next (0.505 mm) on,
        // so the area misses half of the first of 99 intervals.
        assertThat(r.scalar("auc_aligned").value()).isCloseTo(1 - 0.5 / 99, within(1e-15));
        // Unaligned AUC over 0-50 mm (100 thresholds) of a constant 5 mm error: PCK is 0 below 5 mm, 1 from the first
        // threshold at or above 5 mm.
        double[] t = PckThresholds.FREIHAND.values();
        double[] pck = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            pck[i] = t[i] >= r.table("mpjpe").value(Split.ALL, HandColumn.RIGHT) ? 1 : 0;
        }
        assertThat(r.scalar("auc").value()).isCloseTo(PckThresholds.FREIHAND.normalisedArea(pck), within(1e-12));
    }

    @Test
    void aMirroredPredictionIsAlignedAsTheScriptAllowsReflections() {
        double[] joints = TestHands.hand(0, 0, 0.5);
        SimilarityTransform mirror = new SimilarityTransform(1, Mat3.ofRowMajor(-1, 0, 0, 0, 1, 0, 0, 0, 1), Vec3.ZERO);
        GroundTruthSample gt = new GroundTruthSample("a", HandType.RIGHT, true, HandTruth.allValid(joints, null), null,
            null);
        Prediction p = new Prediction("a", HandPrediction.ofJoints(mirror.applyToPoints(joints)), null, null);
        EvalReport r = Evaluator.evaluate(FreiHandProtocol.reference(), List.of(gt), List.of(p));
        assertThat(r.table("pa_mpjpe").value(Split.ALL, HandColumn.RIGHT) / MM).isLessThan(1e-4);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("lacked ground-truth or predicted vertices"));
    }

    @Test
    void nonManoMeshesUseTheKeypointTransformForFScores() {
        double[] joints = TestHands.hand(0, 0, 0.5);
        double[] verts = vertices();
        double[] fewer = java.util.Arrays.copyOf(verts, 15 * 3);
        GroundTruthSample gt = new GroundTruthSample("a", HandType.RIGHT, true, HandTruth.allValid(joints, verts), null,
            null);
        Prediction p = new Prediction("a", new HandPrediction(joints, fewer, 1, null), null, null);
        EvalReport r = Evaluator.evaluate(FreiHandProtocol.reference(), List.of(gt), List.of(p));
        assertThat(r.tables()).noneMatch(t -> t.key().equals("mpvpe"));
        // Half of the ground-truth vertices have an exact twin: precision 1/2 at most; every predicted one matches.
        FScore expected = FScore.of(verts, fewer, 0.005)[0];
        assertThat(r.scalar("f_5").value()).isEqualTo(expected.fScore());
        assertThat(expected.recall()).isEqualTo(1);
    }
}
