package org.ambidex.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Regions, angles and the hand regions MediaPipe derives from palms and landmarks. */
class RegionGeometryTest {

    @Test
    void regionCoordinatesMapToTheImageAndBack() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            RotatedRect r = new RotatedRect(random.nextDouble(-50, 500), random.nextDouble(-50, 500),
                random.nextDouble(1, 300), random.nextDouble(1, 300), random.nextDouble(-Math.PI, Math.PI));
            double s = random.nextDouble(-0.5, 1.5);
            double t = random.nextDouble(-0.5, 1.5);
            double[] p = r.toImage(s, t);
            double[] back = r.toRegion(p[0], p[1]);
            assertThat(back[0]).isCloseTo(s, within(1e-9));
            assertThat(back[1]).isCloseTo(t, within(1e-9));
        }
        RotatedRect quarter = new RotatedRect(100, 50, 20, 10, Math.PI / 2);
        // Turned a quarter clockwise on screen (y down): the region's +x runs along the image's +y.
        assertThat(quarter.toImage(1, 0.5)).containsExactly(new double[] {100, 60}, within(1e-9));
        assertThat(quarter.toImage(0.5, 0)).containsExactly(new double[] {105, 50}, within(1e-9));
    }

    @Test
    void theLetterboxIsMediaPipesCornerAlignedSquare() {
        RotatedRect box = RotatedRect.letterbox(640, 480);
        assertThat(box.width()).isEqualTo(640);
        assertThat(box.toImage(0, 0)).containsExactly(0, -80);
        assertThat(box.toImage(1, 1)).containsExactly(640, 560);
    }

    @Test
    void anglesAreWrappedAndUprightMeansWristBelowTheFingers() {
        assertThat(Angles.normalize(3 * Math.PI)).isCloseTo(-Math.PI, within(1e-12));
        assertThat(Angles.normalize(-Math.PI)).isCloseTo(-Math.PI, within(1e-12));
        assertThat(Angles.normalize(0.3 + 4 * Math.PI)).isCloseTo(0.3, within(1e-12));
        assertThat(Angles.upright(10, 20, 10, 0)).isCloseTo(0, within(1e-12)); // fingers up
        assertThat(Angles.upright(0, 0, 10, 0)).isCloseTo(Math.PI / 2, within(1e-12)); // fingers to the right
        assertThat(Angles.upright(10, 0, 10, 20)).isCloseTo(-Math.PI, within(1e-12)); // fingers down
    }

    @Test
    void aPalmsRegionIsShiftedTowardTheFingersSquaredAndEnlarged() {
        double[] kp = new double[14];
        kp[0] = 100; // wrist
        kp[1] = 120;
        kp[4] = 100; // middle MCP, straight above
        kp[5] = 80;
        SsdDetection upright = new SsdDetection(0.9, 80, 80, 120, 130, kp);
        RotatedRect r = HandRegions.fromPalm(upright);
        assertThat(r.rotation()).isCloseTo(0, within(1e-12));
        assertThat(r.centreX()).isCloseTo(100, within(1e-9));
        assertThat(r.centreY()).isCloseTo(105 - 25, within(1e-9)); // half the box height toward the fingers
        assertThat(r.width()).isCloseTo(2.6 * 50, within(1e-9));
        assertThat(r.height()).isEqualTo(r.width());

        double[] side = new double[14];
        side[0] = 80; // wrist left of the middle MCP: fingers point right
        side[1] = 100;
        side[4] = 120;
        side[5] = 100;
        RotatedRect turned = HandRegions.fromPalm(new SsdDetection(0.9, 80, 80, 120, 120, side));
        assertThat(turned.rotation()).isCloseTo(Math.PI / 2, within(1e-12));
        assertThat(turned.centreX()).isCloseTo(120, within(1e-9));
        assertThat(turned.centreY()).isCloseTo(100, within(1e-9));
    }

    @Test
    void landmarksFrameARegionThatFollowsTheHandsTurn() {
        // An upright hand's framing landmarks, then the same hand turned a quarter turn about (200, 200).
        double[] xy = new double[42];
        for (int j = 0; j < 21; j++) {
            xy[2 * j] = 200 + (j % 5 - 2) * 8;
            xy[2 * j + 1] = 240 - (j == 0 ? 0 : 20 + 6 * (j % 4));
        }
        xy[2 * 9] = 200; // middle MCP straight above the wrist
        xy[0] = 200;
        RotatedRect up = HandRegions.fromLandmarks(xy);
        assertThat(up.rotation()).isCloseTo(Angles.upright(200, 240, 198, 240 - 26), within(1e-9));
        double[] turned = new double[42];
        for (int j = 0; j < 21; j++) {
            double dx = xy[2 * j] - 200;
            double dy = xy[2 * j + 1] - 200;
            turned[2 * j] = 200 - dy;
            turned[2 * j + 1] = 200 + dx;
        }
        RotatedRect r = HandRegions.fromLandmarks(turned);
        assertThat(r.rotation()).isCloseTo(Angles.normalize(up.rotation() + Math.PI / 2), within(1e-9));
        assertThat(r.width()).isCloseTo(up.width(), within(1e-9));
        double[] c = {200 - (up.centreY() - 200), 200 + (up.centreX() - 200)};
        assertThat(r.centreX()).isCloseTo(c[0], within(1e-9));
        assertThat(r.centreY()).isCloseTo(c[1], within(1e-9));
    }

    @Test
    void badRegionsAreRefused() {
        assertThatThrownBy(() -> new RotatedRect(0, 0, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("positive sides");
        assertThatThrownBy(() -> new RotatedRect(Double.NaN, 0, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
