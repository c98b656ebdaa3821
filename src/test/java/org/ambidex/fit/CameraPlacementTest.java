package org.ambidex.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.ambidex.geom.Vec3;
import org.junit.jupiter.api.Test;

/** The closed-form translation recovers an exact placement and refuses pixels that do not determine one. */
class CameraPlacementTest {

    @Test
    void recoversTheTranslationOfExactProjections() {
        SplittableRandom r = new SplittableRandom(11);
        double[] points = new double[63];
        for (int i = 0; i < points.length; i++) {
            points[i] = 0.05 * r.nextGaussian();
        }
        double[] t = {0.12, -0.07, 0.8};
        double[] pixels = new double[42];
        for (int i = 0; i < 21; i++) {
            double[] uv = SyntheticHand.CAMERA.project(Vec3.of(points, 3 * i).plus(new Vec3(t[0], t[1], t[2])));
            pixels[2 * i] = uv[0];
            pixels[2 * i + 1] = uv[1];
        }
        assertThat(KinematicsTest.maxAbsDifference(CameraPlacement.translation(points, pixels, SyntheticHand.CAMERA), t))
            .isLessThan(1e-12);
    }

    @Test
    void coincidentPixelsAreRefused() {
        assertThatThrownBy(() -> CameraPlacement.translation(new double[63], new double[42], SyntheticHand.CAMERA))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coincide");
    }
}
