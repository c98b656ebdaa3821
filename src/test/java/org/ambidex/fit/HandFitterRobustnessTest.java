package org.ambidex.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Robustness: landmarks with Gaussian noise (5 mm per world coordinate, 3 px per image coordinate), and landmarks
 * of which two are grossly wrong (5 cm off in the world, 80 px in the image), still give plausible hands (every
 * joint angle inside its limits) close to the truth. Seeded.
 */
class HandFitterRobustnessTest {

    private static ArrayHandPoser poser;
    private static HandFitter fitter;
    private static JointFrames frames;

    @BeforeAll
    static void setUp() {
        HandModel model = TestModels.open(HandSide.RIGHT);
        poser = new ArrayHandPoser(model);
        fitter = new HandFitter(model);
        frames = JointFrames.of(model, new KeypointSkeleton(new ModelArrays(model),
            model.tipVertices(FingertipSet.INTAGHAND)).restKeypoints());
    }

    @AfterAll
    static void tearDown() {
        poser.close();
    }

    static LongStream seeds() {
        return LongStream.range(100, 112);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noisyLandmarksGiveAPlausibleCloseHand(long seed) {
        SyntheticHand truth = SyntheticHand.sample(TestModels.open(HandSide.RIGHT), poser, seed);
        HandLandmarks noisy = LandmarkCorruption.noisy(truth.landmarks(), new SplittableRandom(seed * 31 + 1), 0.005, 3);
        HandFit fit = fitter.fit(noisy, SyntheticHand.CAMERA);
        assertWithinLimits(fit);
        // The noise is 8 mm per world landmark; the fit's hand shape is 1.4-3.3 mm off (measured, these seeds).
        assertThat(FitErrors.meanCentred(fit.joints(), truth.joints())).isLessThan(0.006);
        // The absolute error is mostly depth: the hand's size, and so its depth, is known to about 2 % from 21 world
        // landmarks with 5 mm noise (5 mm / sqrt(21 x (50 mm)^2)); measured 0.5-5.1 % of the depth.
        assertThat(FitErrors.mean(fit.joints(), truth.joints()) / truth.transl()[2]).isLessThan(0.07);
        assertThat(fit.imageRmsPx()).isLessThan(6);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void twoGrosslyWrongLandmarksAreOutvoted(long seed) {
        SyntheticHand truth = SyntheticHand.sample(TestModels.open(HandSide.RIGHT), poser, seed);
        HandLandmarks wrong = LandmarkCorruption.twoWrong(truth.landmarks(), new SplittableRandom(seed * 31 + 2), 0.05,
            80);
        HandFit fit = fitter.fit(wrong, SyntheticHand.CAMERA);
        assertWithinLimits(fit);
        // The wrong landmarks' joints are included: where both the world and the image landmark of a fingertip are
        // wrong, only the joint limits and the priors oppose them (measured 0.6-2.9 mm, 0.9-9.6 mm absolute).
        assertThat(FitErrors.meanCentred(fit.joints(), truth.joints())).isLessThan(0.008);
        assertThat(FitErrors.mean(fit.joints(), truth.joints())).isLessThan(0.02);
    }

    /** Every joint's anatomical angles of the fitted pose lie inside the joint limits. */
    private static void assertWithinLimits(HandFit fit) {
        double[] pose = fit.handPose();
        double[] mean = TestModels.open(HandSide.RIGHT).handsMean().toDoubleArray();
        double[] rotation = new double[9];
        double[] angles = new double[45];
        for (int j = 0; j < 15; j++) {
            double[] full = {pose[3 * j] + mean[3 * j], pose[3 * j + 1] + mean[3 * j + 1], pose[3 * j + 2] + mean[3 * j + 2]};
            Mat3Buffers.setRotation(full, 0, rotation, 0);
            frames.angles(rotation, 0, j, angles, 3 * j);
        }
        for (int i = 0; i < 45; i++) {
            assertThat(angles[i]).as("angle %d", i).isBetween(frames.limit(i).min() - 1e-9, frames.limit(i).max() + 1e-9);
        }
    }
}
