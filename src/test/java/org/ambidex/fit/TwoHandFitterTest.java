package org.ambidex.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.HandSide;
import org.junit.jupiter.api.Test;

/** Both hands of one image come out in one camera frame, each placed by its own image landmarks. */
class TwoHandFitterTest {

    private static final TwoHandFitter FITTER = new TwoHandFitter(TestModels.open(HandSide.RIGHT),
        TestModels.open(HandSide.LEFT), HandFitterRecoveryTest.EXACT);
    /** MediaPipe's options: with exact landmarks' sigmas (0.2 px) the image alone would decide the depth. */
    private static final TwoHandFitter MEDIAPIPE = new TwoHandFitter(TestModels.open(HandSide.RIGHT),
        TestModels.open(HandSide.LEFT), FitOptions.mediaPipe());

    @Test
    void fitsBothHandsInOneCameraFrame() {
        SyntheticHand right;
        SyntheticHand left;
        try (ArrayHandPoser r = new ArrayHandPoser(TestModels.open(HandSide.RIGHT));
             ArrayHandPoser l = new ArrayHandPoser(TestModels.open(HandSide.LEFT))) {
            SyntheticHand a = SyntheticHand.sample(TestModels.open(HandSide.RIGHT), r, 5);
            SyntheticHand b = SyntheticHand.sample(TestModels.open(HandSide.LEFT), l, 6);
            // Side by side, the left hand 10 cm further away.
            right = SyntheticHand.of(TestModels.open(HandSide.RIGHT), r, a.betas(), a.globalOrient(), a.handPose(),
                new double[] {-0.12, 0.02, 0.55});
            left = SyntheticHand.of(TestModels.open(HandSide.LEFT), l, b.betas(), b.globalOrient(), b.handPose(),
                new double[] {0.1, -0.01, 0.65});
        }
        TwoHandFit fit = FITTER.fit(List.of(left.landmarks(), right.landmarks()), SyntheticHand.CAMERA);
        assertThat(fit.hands()).extracting(HandFit::side).containsExactly(HandSide.RIGHT, HandSide.LEFT);
        HandFit r = fit.hand(HandSide.RIGHT).orElseThrow();
        HandFit l = fit.hand(HandSide.LEFT).orElseThrow();
        assertThat(FitErrors.max(r.joints(), right.joints())).isLessThan(0.002);
        assertThat(FitErrors.max(l.joints(), left.joints())).isLessThan(0.002);
        assertThat(l.transl()[2] - r.transl()[2]).isBetween(0.09, 0.11);
    }

    @Test
    void handsApartInTheImageKeepTheirOwnFits() {
        SyntheticHand[] hands = pair(new double[] {-0.12, 0.02, 0.55}, new double[] {0.1, -0.01, 0.65});
        TwoHandFit fit = FITTER.fit(List.of(hands[0].landmarks(), hands[1].landmarks()), SyntheticHand.CAMERA);
        assertThat(fit.hand(HandSide.RIGHT).orElseThrow().joints())
            .containsExactly(FITTER.fitter(HandSide.RIGHT).fit(hands[0].landmarks(), SyntheticHand.CAMERA).joints());
        assertThat(fit.hand(HandSide.LEFT).orElseThrow().joints())
            .containsExactly(FITTER.fitter(HandSide.LEFT).fit(hands[1].landmarks(), SyntheticHand.CAMERA).joints());
    }

    @Test
    void touchingHandsAreDrawnToOneDepthBySizeAndPlaceOnly() {
        // Overlapping in the image, 6 cm apart in depth, of random sizes: fitted alone, each lands at the depth its
        // assumed size gives; as a touching pair both move towards the pair's depth, their sizes following, their
        // poses as they were.
        TwoHandFitter fitter = MEDIAPIPE;
        SyntheticHand[] hands = pair(new double[] {-0.13, 0.0, 0.55}, new double[] {0.13, 0.01, 0.61});
        HandFit rightAlone = fitter.fitter(HandSide.RIGHT).fit(hands[0].landmarks(), SyntheticHand.CAMERA);
        HandFit leftAlone = fitter.fitter(HandSide.LEFT).fit(hands[1].landmarks(), SyntheticHand.CAMERA);
        double apart = meanDepth(leftAlone) - meanDepth(rightAlone);
        assertThat(apart).as("MediaPipe's shape prior keeps both hands near the average size").isGreaterThan(0.04);
        TwoHandFit fit = fitter.fit(List.of(hands[0].landmarks(), hands[1].landmarks()), SyntheticHand.CAMERA);
        HandFit r = fit.hand(HandSide.RIGHT).orElseThrow();
        HandFit l = fit.hand(HandSide.LEFT).orElseThrow();
        // Each moves towards the other as far as its size can follow (betas held by MediaPipe's shape prior).
        assertThat(meanDepth(r)).isGreaterThan(meanDepth(rightAlone) + 0.005);
        assertThat(meanDepth(l)).isLessThan(meanDepth(leftAlone) - 0.005);
        assertThat(r.globalOrient()).containsExactly(rightAlone.globalOrient(), within(1e-12));
        assertThat(l.handPose()).containsExactly(leftAlone.handPose(), within(1e-12));
        assertThat(r.betas()[0]).isNotEqualTo(rightAlone.betas()[0]);
        // The size follows the depth, so the hands still project onto their landmarks.
        assertThat(r.imageRmsPx()).isLessThan(3);
        assertThat(l.imageRmsPx()).isLessThan(3);
    }

    @Test
    void handsFarApartInDepthAreNotTakenToTouch() {
        // Overlapping in the image (as the touching pair above), but twice as far apart in depth.
        SyntheticHand[] hands = pair(new double[] {-0.09, 0.0, 0.4}, new double[] {0.2, 0.01, 0.8});
        TwoHandFit fit = MEDIAPIPE.fit(List.of(hands[0].landmarks(), hands[1].landmarks()), SyntheticHand.CAMERA);
        assertThat(fit.hand(HandSide.LEFT).orElseThrow().joints())
            .containsExactly(MEDIAPIPE.fitter(HandSide.LEFT).fit(hands[1].landmarks(), SyntheticHand.CAMERA).joints());
    }

    private static SyntheticHand[] pair(double[] rightTransl, double[] leftTransl) {
        try (ArrayHandPoser r = new ArrayHandPoser(TestModels.open(HandSide.RIGHT));
             ArrayHandPoser l = new ArrayHandPoser(TestModels.open(HandSide.LEFT))) {
            SyntheticHand a = SyntheticHand.sample(TestModels.open(HandSide.RIGHT), r, 5);
            SyntheticHand b = SyntheticHand.sample(TestModels.open(HandSide.LEFT), l, 6);
            return new SyntheticHand[] {
                SyntheticHand.of(TestModels.open(HandSide.RIGHT), r, a.betas(), a.globalOrient(), a.handPose(),
                    rightTransl),
                SyntheticHand.of(TestModels.open(HandSide.LEFT), l, b.betas(), b.globalOrient(), b.handPose(),
                    leftTransl)};
        }
    }

    private static double meanDepth(HandFit fit) {
        double sum = 0;
        for (int j = 0; j < 21; j++) {
            sum += fit.joints()[3 * j + 2];
        }
        return sum / 21;
    }

    @Test
    void absentHandsStayAbsent() {
        TwoHandFit none = FITTER.fit(List.of(), SyntheticHand.CAMERA);
        assertThat(none.hands()).isEmpty();
        assertThat(none.hand(HandSide.LEFT)).isEmpty();
    }

    @Test
    void twoHandsOfOneSideAreRefused() {
        HandLandmarks hand;
        try (ArrayHandPoser r = new ArrayHandPoser(TestModels.open(HandSide.RIGHT))) {
            hand = SyntheticHand.sample(TestModels.open(HandSide.RIGHT), r, 1).landmarks();
        }
        assertThatThrownBy(() -> FITTER.fit(List.of(hand, hand), SyntheticHand.CAMERA))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two right hands");
    }

    @Test
    void modelsMustMatchTheirSides() {
        assertThatThrownBy(() -> new TwoHandFitter(TestModels.open(HandSide.LEFT), TestModels.open(HandSide.LEFT),
            FitOptions.defaults())).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("right hand's model");
    }
}
