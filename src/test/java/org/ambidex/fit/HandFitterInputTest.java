package org.ambidex.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.HandSide;
import org.junit.jupiter.api.Test;

/** Invalid input fails with an {@link IllegalArgumentException} that says what is wrong. */
class HandFitterInputTest {

    private static HandLandmarks valid() {
        double[] world = new double[63];
        double[] image = new double[42];
        for (int i = 0; i < 21; i++) {
            world[3 * i] = 0.01 * i;
            world[3 * i + 1] = 0.004 * (i % 5);
            image[2 * i] = 600 + 10 * i;
            image[2 * i + 1] = 400 + 4 * (i % 5);
        }
        return new HandLandmarks(HandSide.RIGHT, world, image);
    }

    @Test
    void nanLandmarksAreRefused() {
        double[] world = valid().world().clone();
        world[3 * 8 + 1] = Double.NaN;
        assertThatThrownBy(() -> new HandLandmarks(HandSide.RIGHT, world, valid().image()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("world landmarks")
            .hasMessageContaining("landmark 8").hasMessageContaining("NaN");
        double[] image = valid().image().clone();
        image[0] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> new HandLandmarks(HandSide.RIGHT, valid().world(), image))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image landmarks")
            .hasMessageContaining("Infinity");
    }

    @Test
    void wrongLengthsAreRefused() {
        assertThatThrownBy(() -> new HandLandmarks(HandSide.RIGHT, new double[60], new double[42]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("63 values").hasMessageContaining("60");
        assertThatThrownBy(() -> new HandLandmarks(HandSide.RIGHT, new double[63], new double[63]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("42 values");
        assertThatThrownBy(() -> HandLandmarks.fromUvz(HandSide.RIGHT, new double[63], new double[42]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("63 values");
    }

    @Test
    void nonPositiveFocalLengthsAreRefused() {
        HandFitter fitter = new HandFitter(TestModels.open(HandSide.RIGHT));
        for (Intrinsics k : List.of(new Intrinsics(0, 1000, 640, 480), new Intrinsics(1000, -5, 640, 480),
            new Intrinsics(Double.NaN, 1000, 640, 480))) {
            assertThatThrownBy(() -> fitter.fit(valid(), k)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("focal lengths must be positive");
        }
        assertThatThrownBy(() -> fitter.fit(valid(), new Intrinsics(1000, 1000, Double.NaN, 480)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("principal point");
    }

    @Test
    void aHandOfTheOtherSideIsRefused() {
        HandFitter left = new HandFitter(TestModels.open(HandSide.LEFT));
        assertThatThrownBy(() -> left.fit(valid(), SyntheticHand.CAMERA)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("right hand").hasMessageContaining("left hand");
    }

    @Test
    void theMediaPipePresetStrengthensTheShapePriorAndCountsTheWorldLandmarksLess() {
        FitOptions d = FitOptions.defaults();
        FitOptions m = FitOptions.mediaPipe();
        assertThat(m.shapePriorWeight()).isEqualTo(10 * d.shapePriorWeight());
        assertThat(m.worldSigma()).isEqualTo(FitOptions.MEDIAPIPE_WORLD_SIGMA).isEqualTo(10 * d.worldSigma());
        assertThat(m.worldRobustScale() / m.worldSigma()).isCloseTo(d.worldRobustScale() / d.worldSigma(),
            within(1e-12));
        assertThat(m).usingRecursiveComparison().ignoringFields("shapePriorWeight", "worldSigma", "worldRobustScale")
            .isEqualTo(d);
    }

    @Test
    void aDepthPriorNeedsAPositiveDepthAndSigma() {
        assertThatThrownBy(() -> new DepthPrior(0, 0.01)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("depth");
        assertThatThrownBy(() -> new DepthPrior(0.5, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("sigma");
    }

    @Test
    void badOptionsAreRefused() {
        FitOptions d = FitOptions.defaults();
        assertThatThrownBy(() -> d.withJointWeights(new double[20])).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("21");
        double[] negative = d.jointWeights();
        negative[4] = -1;
        assertThatThrownBy(() -> d.withJointWeights(negative)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("jointWeights[4]");
        assertThatThrownBy(() -> new FitOptions(0, 0.02, 2, 10, 1, d.jointWeights(), 0.3, 0.2, 0.01, 3, true, 60, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("worldSigma");
    }
}
