package org.ambidex.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BasicGeometryTest {

    @Test
    void projectionAndBackProjectionByHand() {
        Intrinsics k = new Intrinsics(1000, 1200, 320, 240);
        double[] uv = k.project(new Vec3(0.1, -0.05, 0.5));
        assertThat(uv[0]).isCloseTo(520, within(1e-12));
        assertThat(uv[1]).isCloseTo(120, within(1e-12));
        Vec3 back = k.unproject(520, 120, 0.5);
        assertThat(back.distance(new Vec3(0.1, -0.05, 0.5))).isLessThan(1e-15);
    }

    @Test
    void extrinsicsFromCentreMapTheCentreToTheOrigin() {
        Mat3 r = Mat3.ofRowMajor(0, -1, 0, 1, 0, 0, 0, 0, 1); // 90 degrees about z
        Vec3 centre = new Vec3(1, 2, 3);
        Extrinsics e = Extrinsics.fromRotationAndCentre(r, centre);
        assertThat(e.toCamera(centre).norm()).isLessThan(1e-15);
        assertThat(e.centre().distance(centre)).isLessThan(1e-15);
        // X_cam = R (X - C): (2,2,3) - C = (1,0,0) -> R (1,0,0) = (0,1,0)
        assertThat(e.toCamera(new Vec3(2, 2, 3)).distance(new Vec3(0, 1, 0))).isLessThan(1e-15);
        assertThat(e.toWorld(new Vec3(0, 1, 0)).distance(new Vec3(2, 2, 3))).isLessThan(1e-15);
    }

    @Test
    void matrixInverseAndProduct() {
        Mat3 m = Mat3.ofRowMajor(2, 0, 1, 1, 3, 0, 0, 1, 4);
        assertThat(m.determinant()).isEqualTo(25);
        assertThat(m.times(m.inverse()).maxAbsDifference(Mat3.IDENTITY)).isLessThan(1e-15);
    }

    @Test
    void affineCompositionAndInverse() {
        Affine2 scale = new Affine2(2, 0, 10, 0, 2, -4);
        Affine2 shift = new Affine2(1, 0, 3, 0, 1, 5);
        double[] p = scale.after(shift).apply(1, 1);
        assertThat(p).containsExactly(18, 8);
        double[] back = scale.inverse().apply(18, 8);
        assertThat(back[0]).isCloseTo(4, within(1e-12));
        assertThat(back[1]).isCloseTo(6, within(1e-12));
    }
}
