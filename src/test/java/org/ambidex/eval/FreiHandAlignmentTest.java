package org.ambidex.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ambidex.geom.Mat3;
import org.ambidex.geom.SimilarityTransform;
import org.ambidex.geom.Vec3;
import org.junit.jupiter.api.Test;

class FreiHandAlignmentTest {

    @Test
    void alignedPredictionOfAMirroredScaledCopyFollowsTheScriptsFormula() {
        // gt centred points A (mean m), pred = c * A Q + shift with Q a reflection. With a = ||A - m||, the script
        // returns (A - m) * c^2 a^2 / (c a + 1e-8)^2 + m: the 1e-8 terms are part of the reference numbers.
        double[] gt = TestHands.hand(0.02, -0.01, 0.4);
        Mat3 mirror = Mat3.ofRowMajor(-1, 0, 0, 0, 1, 0, 0, 0, 1);
        double c = 1.7;
        double[] pred = new SimilarityTransform(c, mirror, new Vec3(0.3, 0.1, -0.2)).applyToPoints(gt);
        double[] mean = new double[3];
        for (int i = 0; i < gt.length; i++) {
            mean[i % 3] += gt[i] / 21;
        }
        double a2 = 0;
        for (int i = 0; i < gt.length; i++) {
            a2 += (gt[i] - mean[i % 3]) * (gt[i] - mean[i % 3]);
        }
        double a = Math.sqrt(a2);
        double factor = c * c * a2 / ((c * a + 1e-8) * (c * a + 1e-8));
        double[] aligned = FreiHandAlignment.align(gt, pred);
        for (int i = 0; i < gt.length; i++) {
            assertThat(aligned[i]).isCloseTo((gt[i] - mean[i % 3]) * factor + mean[i % 3], within(1e-15));
        }
    }

    @Test
    void alignByTrafoKeepsTheScriptsOwnMeanQuirk() {
        // Keypoints: pred = gt + d (pure translation); the trafo is then R = I, s * s1 ~ ||A|| ... applied to vertices:
        // (V - mean V) * s * s1 + (mean gt - mean pred) + mean V.
        double[] gt = TestHands.hand(0, 0, 0.5);
        double[] pred = TestHands.translated(gt, 0.01, 0.02, 0.03);
        FreiHandAlignment.Trafo t = FreiHandAlignment.fit(gt, pred);
        assertThat(t.r().maxAbsDifference(Mat3.IDENTITY)).isLessThan(1e-14);
        double[] verts = {0, 0, 0, 0.2, 0, 0};
        double[] moved = FreiHandAlignment.alignByTrafo(verts, t);
        double scale = t.s() * t.gtNorm();
        // mean of verts = (0.1, 0, 0); shift = (-0.01, -0.02, -0.03) + (0.1, 0, 0).
        assertThat(moved[0]).isCloseTo(-0.1 * scale + 0.09, within(1e-15));
        assertThat(moved[1]).isCloseTo(-0.02, within(1e-15));
        assertThat(moved[3]).isCloseTo(0.1 * scale + 0.09, within(1e-15));
        assertThat(moved[5]).isCloseTo(-0.03, within(1e-15));
    }
}
