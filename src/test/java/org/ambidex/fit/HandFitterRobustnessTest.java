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
        SplittableRandom random = new SplittableRandom(seed * 31 + 1);
        double[] world = truth.landmarks().world();
        double[] image = truth.landmarks().image();
        for (int i = 0; i < world.length; i++) {
            world[i] += 0.005 * random.nextGaussian();
        }
        for (int i = 0; i < image.length; i++) {
            image[i] += 3 * random.nextGaussian();
        }
        HandFit fit = fitter.fit(new HandLandmarks(HandSide.RIGHT, world, image), SyntheticHand.CAMERA);
        assertWithinLimits(fit);
        // The noise is 8.7 mm per world landmark; the fit's hand shape is about 3 mm off (measured 2.4-4.1).
        assertThat(FitErrors.meanCentred(fit.joints(), truth.joints())).isLessThan(0.006);
        // The absolute error is mostly depth: the hand's size, and so its depth, is known to about 2 % from 21 world
        // landmarks with 5 mm noise (5 mm / sqrt(21 x (50 mm)^2)); measured up to 4.6 % of the depth.
        assertThat(FitErrors.mean(fit.joints(), truth.joints()) / truth.transl()[2]).isLessThan(0.07);
        assertThat(fit.imageRmsPx()).isLessThan(6);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void twoGrosslyWrongLandmarksAreOutvoted(long seed) {
        SyntheticHand truth = SyntheticHand.sample(TestModels.open(HandSide.RIGHT), poser, seed);
        SplittableRandom random = new SplittableRandom(seed * 31 + 2);
        double[] world = truth.landmarks().world();
        double[] image = truth.landmarks().image();
        int first = random.nextInt(21);
        int second = (first + 1 + random.nextInt(20)) % 21;
        for (int j : new int[] {first, second}) {
            double[] d = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double length = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            for (int c = 0; c < 3; c++) {
                world[3 * j + c] += 0.05 * d[c] / length;
            }
            double angle = 2 * Math.PI * random.nextDouble();
            image[2 * j] += 80 * Math.cos(angle);
            image[2 * j + 1] += 80 * Math.sin(angle);
        }
        HandFit fit = fitter.fit(new HandLandmarks(HandSide.RIGHT, world, image), SyntheticHand.CAMERA);
        assertWithinLimits(fit);
        // The wrong landmarks' joints are included: where both the world and the image landmark of a fingertip are
        // wrong, only the joint limits and the priors oppose them.
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
            assertThat(angles[i]).as("angle %d", i).isBetween(frames.lower(i) - 1e-9, frames.upper(i) + 1e-9);
        }
    }
}
