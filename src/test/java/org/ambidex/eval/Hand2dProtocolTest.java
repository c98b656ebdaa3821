package org.ambidex.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.core.Progress;
import org.ambidex.data.coco.CocoHandFormat;
import org.ambidex.data.coco.CocoHandInstance;
import org.ambidex.data.coco.CocoHandSet;
import org.ambidex.data.coco.CocoImage;
import org.ambidex.hand.HandSide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-computed cases and edge cases of the {@code hand2d} protocol (the reference comparison is elsewhere). */
class Hand2dProtocolTest {

    @TempDir
    Path dir;

    /** A hand whose keypoint k is at (50 + 5k, 60), every keypoint visible, box size {@code size}. */
    private static HandKeypointTruth hand(String id, HandSide side, float size) {
        float[] uv = new float[42];
        for (int k = 0; k < 21; k++) {
            uv[2 * k] = 50 + 5 * k;
            uv[2 * k + 1] = 60;
        }
        boolean[] visible = new boolean[21];
        Arrays.fill(visible, true);
        return new HandKeypointTruth(id, side, uv, visible, size, null);
    }

    /** {@code truth}'s keypoints moved by {@code du[k]} pixels along u, as a 2-D-only predicted hand. */
    private static HandPrediction shifted(HandKeypointTruth truth, double[] du, double presence) {
        double[] uv = new double[42];
        for (int k = 0; k < 21; k++) {
            uv[2 * k] = truth.keypoints()[2 * k] + du[k];
            uv[2 * k + 1] = truth.keypoints()[2 * k + 1];
        }
        return HandPrediction.of2d(uv, presence);
    }

    private static double[] constant(double v) {
        double[] out = new double[21];
        Arrays.fill(out, v);
        return out;
    }

    private static EvalReport evaluate(List<HandKeypointTruth> truth, List<Prediction> predictions) {
        return Hand2dProtocol.MMPOSE.evaluate(truth, predictions, Progress.silent());
    }

    @Test
    void errorsOfZeroToTwentyPixelsGiveTheHandComputedPckAucAndEpe() {
        HandKeypointTruth gt = hand("1", null, 100);
        double[] du = new double[21];
        for (int k = 0; k < 21; k++) {
            du[k] = k;
        }
        EvalReport r = evaluate(List.of(gt), List.of(new Prediction("1", shifted(gt, du, Double.NaN), null, null)));
        // PCK@0.2 of a 100 px box: errors strictly under 20 px, so keypoints 0-19 of 21.
        assertThat(r.scalar("pck").value()).isCloseTo(20.0 / 21, within(1e-15));
        // AUC: at i * 1.5 px (i = 0..19) the keypoints with error k < 1.5 i number 0, 2, 3, 5, 6, 8, 9, 11, 12, 14,
        // 15, 17, 18, 20, then 21 six times: 266 in all, each weighted 1 / (20 * 21).
        assertThat(r.scalar("auc").value()).isCloseTo(266.0 / 420, within(1e-12));
        assertThat(r.scalar("epe").value()).isCloseTo(10, within(1e-12));
        assertThat(r.scalar("epe").count()).isEqualTo(21);
        EvalReport.PckCurve curve = r.curves().get(0);
        assertThat(curve.thresholds()[1]).isEqualTo(1.5);
        assertThat(curve.thresholds()).hasSize(20).endsWith(28.5);
        assertThat(curve.pck()[13]).isCloseTo(20.0 / 21, within(1e-15));
        assertThat(curve.column()).isEqualTo(HandColumn.BOTH);
        EvalReport.PerJointErrors pck = r.perJoint().stream().filter(p -> p.key().equals("pck")).findFirst()
            .orElseThrow();
        assertThat(pck.both()[19]).isEqualTo(1.0);
        assertThat(pck.both()[20]).isEqualTo(0.0);
        assertThat(pck.right()[0]).isNaN();
        // No side known: no per-side numbers and no handedness.
        assertThat(r.scalars()).extracting(EvalReport.Scalar::key).containsExactly("pck", "auc", "epe");
    }

    @Test
    void invisibleKeypointsCountNowhere() {
        HandKeypointTruth all = hand("1", null, 100);
        boolean[] visible = new boolean[21];
        visible[0] = visible[5] = visible[9] = true;
        HandKeypointTruth gt = new HandKeypointTruth("1", null, all.keypoints(), visible, 100, null);
        double[] du = constant(500);
        du[0] = du[5] = du[9] = 1;
        EvalReport r = evaluate(List.of(gt), List.of(new Prediction("1", shifted(gt, du, 1), null, null)));
        assertThat(r.scalar("pck").value()).isEqualTo(1.0);
        assertThat(r.scalar("pck").count()).isEqualTo(3);
        assertThat(r.scalar("epe").value()).isEqualTo(1.0);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("18 keypoints are never visible"));
    }

    @Test
    void anInstanceWithoutPredictionMissesInPckAndAucAndIsLeftOutOfEpe() {
        HandKeypointTruth a = hand("a", null, 100);
        HandKeypointTruth b = hand("b", null, 100);
        EvalReport r = evaluate(List.of(a, b), List.of(new Prediction("a", shifted(a, constant(0), 1), null, null),
            new Prediction("zzz", shifted(a, constant(0), 1), null, null)));
        assertThat(r.scalar("pck").value()).isEqualTo(0.5);
        assertThat(r.scalar("pck").count()).isEqualTo(42);
        // At threshold 0 nothing is below; after that half the keypoints: 19 / 20 of a half.
        assertThat(r.scalar("auc").value()).isCloseTo(0.5 * 19 / 20, within(1e-12));
        assertThat(r.scalar("epe").value()).isEqualTo(0.0);
        assertThat(r.scalar("epe").count()).isEqualTo(21);
        assertThat(r.counts().evaluatedSamples()).isEqualTo(2);
        assertThat(r.counts().samplesWithoutPrediction()).isEqualTo(1);
        assertThat(r.counts().predictionsWithoutGroundTruth()).isEqualTo(1);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("1 of 2 instances had no predicted hand"));
    }

    @Test
    void aKnownSideIsAnsweredByThatSideOnlyAndHandednessFollowsThePresences() {
        HandKeypointTruth right = hand("1/right", HandSide.RIGHT, 100);
        HandKeypointTruth left = hand("1/left", HandSide.LEFT, 100);
        HandKeypointTruth other = hand("2/left", HandSide.LEFT, 100);
        List<Prediction> preds = List.of(
            // Right instance: a perfect right hand, and a worse left one more likely present.
            new Prediction("1/right", shifted(right, constant(0), 0.6), shifted(right, constant(50), 0.9), null),
            // Left instance: a perfect left hand, the only one.
            new Prediction("1/left", null, shifted(left, constant(0), Double.NaN), null),
            // Left instance answered with a right hand only: a miss.
            new Prediction("2/left", shifted(other, constant(0), 0.8), null, null));
        EvalReport r = evaluate(List.of(right, left, other), preds);
        assertThat(r.scalar("pck_right").value()).isEqualTo(1.0);
        assertThat(r.scalar("pck_left").value()).isEqualTo(0.5);
        assertThat(r.scalar("pck").value()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(r.scalar("epe").value()).isEqualTo(0.0);
        assertThat(r.counts().handsWithoutPrediction()).isEqualTo(1);
        EvalReport.Scalar handedness = r.scalar("handedness_accuracy");
        assertThat(handedness.count()).isEqualTo(3);
        assertThat(handedness.value()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(handedness.official()).isFalse();
        assertThat(r.curves()).extracting(EvalReport.PckCurve::column)
            .containsExactly(HandColumn.BOTH, HandColumn.LEFT, HandColumn.RIGHT);
    }

    @Test
    void anUnknownSideIsAnsweredByTheMorePresentHandTheRightOneOnATie() {
        HandKeypointTruth a = hand("a", null, 100);
        HandKeypointTruth b = hand("b", null, 100);
        HandKeypointTruth c = hand("c", null, 100);
        List<Prediction> preds = List.of(
            new Prediction("a", shifted(a, constant(100), 0.4), shifted(a, constant(0), 0.6), null),
            new Prediction("b", shifted(b, constant(0), Double.NaN), shifted(b, constant(100), Double.NaN), null),
            new Prediction("c", null, shifted(c, constant(0), 0.1), null));
        EvalReport r = evaluate(List.of(a, b, c), preds);
        assertThat(r.scalar("pck").value()).isEqualTo(1.0);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("2 predictions for hands of unknown side gave two hands"));
    }

    @Test
    void aHandWithoutJoints2dIsRefusedNamingTheSample() {
        HandKeypointTruth a = hand("a", null, 100);
        Prediction p = new Prediction("a", HandPrediction.ofJoints(TestHands.hand(0, 0, 0.5)), null, null);
        assertThatThrownBy(() -> evaluate(List.of(a), List.of(p))).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("sample a: the right hand has no \"joints_2d\"; the hand2d protocol scores 2-D keypoints "
                + "(pixels of the original image)");
    }

    @Test
    void theThreeDimensionalProtocolsRefuseTwoDimensionalHands() {
        GroundTruthSample g = new GroundTruthSample("s", org.ambidex.data.HandType.RIGHT, true,
            HandTruth.allValid(TestHands.hand(0, 0, 0.5), null), null, null);
        Prediction p = new Prediction("s", HandPrediction.of2d(new double[42], 0.9), null, null);
        for (String name : ProtocolOptions.NAMES) {
            assertThatThrownBy(() -> Evaluator.evaluate(ProtocolOptions.DEFAULT.create(name), List.of(g), List.of(p)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample s: the right hand gives only \"joints_2d\"; the " + name + " protocol needs 3-D "
                    + "\"joints\"");
        }
    }

    @Test
    void instancesMmposeLeavesOutAreCountedNotScored() {
        double[] kpts = new double[42];
        double[] flags = new double[21];
        for (int k = 0; k < 21; k++) {
            kpts[2 * k] = 10 + k;
            kpts[2 * k + 1] = 20;
            flags[k] = 2;
        }
        CocoImage image = new CocoImage(1, "a.jpg", 64, 48);
        List<CocoHandInstance> hands = new ArrayList<>();
        hands.add(new CocoHandInstance("1/left", 1, HandSide.LEFT, CocoHandFormat.WHOLEBODY, image,
            new double[] {5, 5, 0, 30}, kpts, flags, false, -1));
        hands.add(new CocoHandInstance("1/right", 1, HandSide.RIGHT, CocoHandFormat.WHOLEBODY, image,
            new double[] {5, 5, 40, 30}, new double[42], flags, false, -1));
        hands.add(new CocoHandInstance("2/right", 2, HandSide.RIGHT, CocoHandFormat.WHOLEBODY, image,
            new double[] {5, 5, 40, 30}, kpts, flags, true, -1));
        hands.add(new CocoHandInstance("3/left", 3, HandSide.LEFT, CocoHandFormat.WHOLEBODY, image,
            new double[] {5, 5, 40, 30}, kpts, flags, false, -1));
        // A plain box reaching past the 64 px image is clipped to x2 = 63 (its 48 px height then rules).
        hands.add(new CocoHandInstance("4", 4, null, CocoHandFormat.PLAIN, image, new double[] {-10, 2, 100, 30}, kpts,
            flags, false, 21));
        List<HandKeypointTruth> truth = CocoHandGroundTruth.of(new CocoHandSet(dir.resolve("x.json"),
            CocoHandFormat.WHOLEBODY, hands, 0, 0), Hand2dBox.ANNOTATION);
        assertThat(truth).extracting(HandKeypointTruth::leftOut).containsExactly(HandKeypointTruth.LeftOut.EMPTY_BOX,
            HandKeypointTruth.LeftOut.NO_KEYPOINTS, HandKeypointTruth.LeftOut.CROWD, null, null);
        assertThat(truth.get(3).boxSize()).isEqualTo(40f);
        assertThat(truth.get(4).boxSize()).isEqualTo(63f);
        assertThat(CocoHandGroundTruth.of(new CocoHandSet(dir.resolve("x.json"), CocoHandFormat.WHOLEBODY, hands, 0,
            0), Hand2dBox.IMAGE).get(3).boxSize()).isEqualTo(64f);
        EvalReport r = evaluate(truth, List.of());
        assertThat(r.counts().groundTruthSamples()).isEqualTo(5);
        assertThat(r.counts().samplesOutsideProtocol()).isEqualTo(3);
        assertThat(r.counts().evaluatedSamples()).isEqualTo(2);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("1 instances left out, as mmpose's dataset leaves them out: "
            + "box without area"));
    }

    @Test
    void anEvaluatedInstanceNeedsABoxWithArea() {
        float[] uv = new float[42];
        boolean[] visible = new boolean[21];
        assertThatThrownBy(() -> new HandKeypointTruth("z", null, uv, visible, 0f, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("box size above 0");
        assertThat(new HandKeypointTruth("z", null, uv, visible, 0f, HandKeypointTruth.LeftOut.EMPTY_BOX).boxSize())
            .isZero();
    }

    @Test
    void aBoxRuleNeedingTheImageSizeRefusesAFileWithoutIt() {
        CocoImage unsized = new CocoImage(9, "b.jpg", -1, -1);
        CocoHandInstance h = new CocoHandInstance("9", 9, null, CocoHandFormat.PLAIN, unsized,
            new double[] {0, 0, 10, 10}, new double[42], new double[21], false, -1);
        CocoHandSet set = new CocoHandSet(dir.resolve("y.json"), CocoHandFormat.PLAIN, List.of(h), 0, 0);
        assertThatThrownBy(() -> CocoHandGroundTruth.of(set, Hand2dBox.ANNOTATION)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("y.json").hasMessageContaining("image 9 (b.jpg) of hand 9 has no \"width\"");
    }

    @Test
    void twoDimensionalHandsRoundTripThroughThePredictionsFormat() {
        double[] uv = new double[42];
        for (int i = 0; i < 42; i++) {
            uv[i] = 0.25 * i;
        }
        Path file = dir.resolve("p.json");
        PredictionsWriter.write(file, Map.of(), List.of(new Prediction("12/left", null, HandPrediction.of2d(uv, 0.5),
            null)));
        Prediction back = PredictionsReader.readAll(file).get(0);
        assertThat(back.left().hasJoints3d()).isFalse();
        assertThat(back.left().joints()).isNull();
        assertThat(back.left().joints2d()).containsExactly(uv);
        assertThat(back.leftMinusRightWrist()).isNull();
    }
}
