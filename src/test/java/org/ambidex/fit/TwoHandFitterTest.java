package org.ambidex.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.HandSide;
import org.junit.jupiter.api.Test;

/** Both hands of one image come out in one camera frame, each placed by its own image landmarks. */
class TwoHandFitterTest {

    private static final TwoHandFitter FITTER = new TwoHandFitter(TestModels.open(HandSide.RIGHT),
        TestModels.open(HandSide.LEFT), HandFitterRecoveryTest.EXACT);

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
