package org.ambidex.data.crop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ambidex.data.Bbox;
import org.ambidex.geom.Intrinsics;
import org.junit.jupiter.api.Test;

class SquareCropTest {

    @Test
    void boxCropMapsItsCornersToTheInputCorners() {
        SquareCrop c = SquareCrop.around(new Bbox(100, 50, 80, 40)); // centre (140, 70), side 100
        assertThat(c.side()).isEqualTo(100.0);
        double[] topLeft = c.toInput(160).apply(90, 20);
        double[] bottomRight = c.toInput(160).apply(190, 120);
        assertThat(topLeft[0]).isCloseTo(0, within(1e-12));
        assertThat(topLeft[1]).isCloseTo(0, within(1e-12));
        assertThat(bottomRight[0]).isCloseTo(160, within(1e-12));
        assertThat(bottomRight[1]).isCloseTo(160, within(1e-12));
    }

    @Test
    void inputIntrinsicsProjectLikeTheImageThenTheCrop() {
        Intrinsics k = new Intrinsics(500, 520, 320, 240);
        SquareCrop c = new SquareCrop(300, 200, 250);
        Intrinsics ki = c.inputIntrinsics(k, 128);
        double[] p = k.project(new org.ambidex.geom.Vec3(0.05, -0.02, 0.6));
        double[] viaCrop = c.toInput(128).apply(p[0], p[1]);
        double[] direct = ki.project(new org.ambidex.geom.Vec3(0.05, -0.02, 0.6));
        assertThat(direct[0]).isCloseTo(viaCrop[0], within(1e-9));
        assertThat(direct[1]).isCloseTo(viaCrop[1], within(1e-9));
    }

    @Test
    void jitterStaysWithinItsBoundsAndIsSeeded() {
        SquareCrop c = new SquareCrop(0, 0, 100);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            SquareCrop j = c.jittered(r, 0.1, 0.05);
            assertThat(j.side()).isBetween(90.0, 110.0);
            assertThat(Math.abs(j.centreX())).isLessThanOrEqualTo(5.0);
            assertThat(Math.abs(j.centreY())).isLessThanOrEqualTo(5.0);
        }
        assertThat(c.jittered(new SplittableRandom(3), 0.1, 0.1)).isEqualTo(c.jittered(new SplittableRandom(3), 0.1, 0.1));
        assertThat(SquareCrop.wholeImage(640, 480)).isEqualTo(new SquareCrop(320, 240, 640));
    }
}
