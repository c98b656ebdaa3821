package org.ambidex.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandParamArrays;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.hand.PosedHandArrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recovery: hands posed by the hand layer with random plausible parameters (seeded), turned into exact landmarks,
 * are fitted back. The landmarks are exact, and the fitter is told so ({@link #EXACT}: sigmas a tenth of the
 * defaults), so the priors only settle what the landmarks leave open. The absolute position error that remains is
 * mostly depth, which a size error of 0.1 % already moves by a millimetre at 1 m.
 */
class HandFitterRecoveryTest {

    /** Options for exact landmarks: 0.5 mm and 0.2 px expected error. */
    static final FitOptions EXACT = FitOptions.defaults().withSigmas(0.0005, 0.2);

    private static ArrayHandPoser rightPoser;
    private static ArrayHandPoser leftPoser;
    private static HandFitter rightFitter;
    private static HandFitter leftFitter;

    @BeforeAll
    static void setUp() {
        rightPoser = new ArrayHandPoser(TestModels.open(HandSide.RIGHT));
        leftPoser = new ArrayHandPoser(TestModels.open(HandSide.LEFT));
        rightFitter = new HandFitter(TestModels.open(HandSide.RIGHT), EXACT);
        leftFitter = new HandFitter(TestModels.open(HandSide.LEFT), EXACT);
    }

    @AfterAll
    static void tearDown() {
        rightPoser.close();
        leftPoser.close();
    }

    static Stream<Arguments> seeds() {
        return Stream.of(HandSide.values()).flatMap(s -> LongStream.range(0, 8).mapToObj(seed -> Arguments.of(s, seed)));
    }

    @ParameterizedTest(name = "{0} hand, seed {1}")
    @MethodSource("seeds")
    void recoversAPosedOpenHand(HandSide side, long seed) {
        boolean right = side == HandSide.RIGHT;
        SyntheticHand truth = SyntheticHand.sample(TestModels.open(side), right ? rightPoser : leftPoser, seed);
        HandFit fit = (right ? rightFitter : leftFitter).fit(truth.landmarks(), SyntheticHand.CAMERA);

        assertThat(FitErrors.max(fit.joints(), truth.joints())).as("largest joint error, m").isLessThan(0.002);
        assertThat(fit.imageRmsPx()).as("reprojection RMS, px").isLessThan(0.5);
        assertThat(fit.worldRmsMm()).as("world RMS, mm").isLessThan(0.5);
        assertThat(FitErrors.meanCentred(fit.vertices(), truth.vertices())).as("mean vertex error, centred, m")
            .isLessThan(0.001);
        assertThat(FitErrors.mean(fit.vertices(), truth.vertices())).as("mean vertex error, m").isLessThan(0.002);
        assertThat(fit.side()).isEqualTo(side);
        assertThat(fit.betas()).hasSize(10);
    }

    @ParameterizedTest(name = "{0} hand, seed {1}")
    @MethodSource("seeds")
    void theParametersPoseTheReturnedMesh(HandSide side, long seed) {
        // The ambidex.reconstruction/1 convention: pose with flat_hand_mean=False, add transl.
        boolean right = side == HandSide.RIGHT;
        ArrayHandPoser poser = right ? rightPoser : leftPoser;
        SyntheticHand truth = SyntheticHand.sample(TestModels.open(side), poser, seed);
        HandFit fit = (right ? rightFitter : leftFitter).fit(truth.landmarks(), SyntheticHand.CAMERA);
        PosedHandArrays posed = poser.pose(new HandParamArrays(new double[][] {fit.betas()},
            new double[][] {fit.globalOrient()}, new double[][] {fit.handPose()}, HandPoseKind.AXIS_ANGLE,
            new double[][] {fit.transl()}, false), FingertipSet.INTAGHAND, JointOrder.OPENPOSE);
        assertThat(KinematicsTest.maxAbsDifference(fit.vertices(), posed.vertices(0))).isLessThan(1e-6);
        assertThat(KinematicsTest.maxAbsDifference(fit.joints(), posed.joints(0))).isLessThan(1e-6);
    }

    @Test
    void isDeterministic() {
        SyntheticHand truth = SyntheticHand.sample(TestModels.open(HandSide.RIGHT), rightPoser, 42);
        HandFit a = rightFitter.fit(truth.landmarks(), SyntheticHand.CAMERA);
        HandFit b = new HandFitter(TestModels.open(HandSide.RIGHT), EXACT).fit(truth.landmarks(), SyntheticHand.CAMERA);
        assertThat(a.vertices()).isEqualTo(b.vertices());
        assertThat(a.handPose()).isEqualTo(b.handPose());
        assertThat(a.iterations()).isEqualTo(b.iterations());
    }

    @Test
    void worldScaleCalibratesASourceThatMakesHandsTooSmall() {
        // A landmark source whose world hands come out 10 % small puts the hand 10 % too close, unless calibrated.
        SyntheticHand truth = SyntheticHand.sample(TestModels.open(HandSide.RIGHT), rightPoser, 9);
        double[] small = truth.landmarks().world().clone();
        for (int i = 0; i < small.length; i++) {
            small[i] *= 0.9;
        }
        HandLandmarks shrunk = new HandLandmarks(HandSide.RIGHT, small, truth.landmarks().image());
        HandFit trusting = rightFitter.fit(shrunk, SyntheticHand.CAMERA);
        assertThat(trusting.transl()[2] / truth.transl()[2]).isBetween(0.85, 0.95);
        HandFit calibrated = new HandFitter(TestModels.open(HandSide.RIGHT), EXACT.withWorldScale(1 / 0.9))
            .fit(shrunk, SyntheticHand.CAMERA);
        assertThat(FitErrors.max(calibrated.joints(), truth.joints())).isLessThan(0.002);
    }

    @Test
    void withoutTheJointRefinementTheImageOnlyPlacesTheHand() {
        SyntheticHand truth = SyntheticHand.sample(TestModels.open(HandSide.RIGHT), rightPoser, 10);
        HandFit fit = new HandFitter(TestModels.open(HandSide.RIGHT), EXACT.withRefineWithImage(false))
            .fit(truth.landmarks(), SyntheticHand.CAMERA);
        assertThat(FitErrors.max(fit.joints(), truth.joints())).isLessThan(0.002);
        assertThat(fit.imageRmsPx()).isLessThan(0.5);
    }

    @ParameterizedTest(name = "{0} hand, seed {1}")
    @MethodSource("seeds")
    void fitsWithTheManoFormatModel(HandSide side, long seed) {
        // The fixture has MANO's structure (778 vertices, non-zero pose blend shapes, dense skinning weights) but
        // random geometry, and its own pose PCA (coefficients of standard deviation 0.5); derived joint frames.
        HandModel model = TestModels.manoFixture(side);
        HandFitter fitter = new HandFitter(model, EXACT);
        try (ArrayHandPoser poser = new ArrayHandPoser(model)) {
            SyntheticHand truth = SyntheticHand.sample(model, poser, seed, 0.4);
            HandFit fit = fitter.fit(truth.landmarks(), SyntheticHand.CAMERA);
            assertThat(FitErrors.meanCentred(fit.joints(), truth.joints())).as("mean joint error, centred, m")
                .isLessThan(0.001);
            assertThat(FitErrors.max(fit.joints(), truth.joints())).as("largest joint error, m").isLessThan(0.005);
            assertThat(fit.imageRmsPx()).as("reprojection RMS, px").isLessThan(0.5);
            assertThat(fit.vertices()).hasSize(778 * 3);
            PosedHandArrays posed = poser.pose(new HandParamArrays(new double[][] {fit.betas()},
                new double[][] {fit.globalOrient()}, new double[][] {fit.handPose()}, HandPoseKind.AXIS_ANGLE,
                new double[][] {fit.transl()}, false), FingertipSet.INTAGHAND, JointOrder.OPENPOSE);
            assertThat(KinematicsTest.maxAbsDifference(fit.vertices(), posed.vertices(0))).isLessThan(1e-6);
        }
    }
}
