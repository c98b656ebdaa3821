package org.ambidex.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RotationsTest {

    private static final double EPS = 1e-12;

    @Test
    void quarterTurnAboutZMapsXToY() {
        Mat3 r = Rotations.axisAngleToMatrix(new Vec3(0, 0, Math.PI / 2));
        Vec3 y = r.times(new Vec3(1, 0, 0));
        assertThat(y.x()).isCloseTo(0, within(EPS));
        assertThat(y.y()).isCloseTo(1, within(EPS));
        assertThat(y.z()).isCloseTo(0, within(EPS));
    }

    @Test
    void axisAngleRoundTripsOverTheWholeRangeIncludingNearZeroAndNearPi() {
        Random random = new Random(7);
        double[] angles = {0, 1e-15, 1e-9, 1e-5, 1e-4, 2e-4, 0.1, 1, 2, 3, Math.PI - 1e-3, Math.PI - 1e-6,
            Math.PI - 1e-9};
        for (double angle : angles) {
            for (int trial = 0; trial < 20; trial++) {
                Vec3 axis = new Vec3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()).normalized();
                Vec3 aa = axis.times(angle);
                Mat3 r = Rotations.axisAngleToMatrix(aa);
                assertOrthonormal(r);
                Vec3 back = Rotations.matrixToAxisAngle(r);
                // Near pi the matrix itself only determines the axis to ~sqrt(eps)/(pi-angle) relative precision;
                // compare the rotations, and the vectors where they are well determined.
                assertThat(Rotations.axisAngleToMatrix(back).maxAbsDifference(r)).isLessThan(1e-12);
                if (angle < Math.PI - 1e-3) {
                    assertThat(back.distance(aa)).as("angle %s", angle).isLessThan(1e-9);
                }
                assertThat(back.norm()).isCloseTo(angle, within(angle > 3 ? 1e-7 : 1e-12));
            }
        }
    }

    @Test
    void exactHalfTurnRecoversTheAxisUpToSign() {
        Vec3 axis = new Vec3(1, 2, -2).normalized();
        Mat3 r = Rotations.axisAngleToMatrix(axis.times(Math.PI));
        Vec3 back = Rotations.matrixToAxisAngle(r);
        assertThat(back.norm()).isCloseTo(Math.PI, within(1e-12));
        assertThat(Math.abs(back.normalized().dot(axis))).isCloseTo(1, within(1e-12));
    }

    @Test
    void smallAnglesMatchTheExactFormula() {
        // Series branch against the closed form just above the switch point.
        Vec3 aa = new Vec3(3e-5, -4e-5, 6e-5);
        Mat3 series = Rotations.axisAngleToMatrix(aa);
        Mat3 viaQuaternion = Rotations.quaternionToMatrix(Rotations.axisAngleToQuaternion(aa));
        assertThat(series.maxAbsDifference(viaQuaternion)).isLessThan(1e-16);
        // R[1][0] = z sin(t)/t + x y (1-cos t)/t^2 = z + xy/2 to third order.
        assertThat(series.get(1, 0)).isCloseTo(6e-5 + 0.5 * 3e-5 * -4e-5, within(1e-13));
    }

    @Test
    void quaternionsAgreeWithMatricesAndRoundTrip() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            Vec3 aa = new Vec3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian())
                .normalized().times(random.nextDouble() * Math.PI);
            Quaternion q = Rotations.axisAngleToQuaternion(aa);
            assertThat(q.norm()).isCloseTo(1, within(EPS));
            Mat3 r = Rotations.axisAngleToMatrix(aa);
            assertThat(Rotations.quaternionToMatrix(q).maxAbsDifference(r)).isLessThan(1e-12);
            Quaternion back = Rotations.matrixToQuaternion(r);
            assertThat(Math.abs(back.w() * q.w() + back.x() * q.x() + back.y() * q.y() + back.z() * q.z()))
                .isCloseTo(1, within(1e-12));
            assertThat(Rotations.quaternionToAxisAngle(q).distance(aa)).isLessThan(1e-10);
        }
    }

    @Test
    void quaternionProductComposesRotations() {
        Vec3 a = new Vec3(0.3, -0.2, 0.5);
        Vec3 b = new Vec3(-1.0, 0.4, 0.1);
        Mat3 ra = Rotations.axisAngleToMatrix(a);
        Mat3 rb = Rotations.axisAngleToMatrix(b);
        Quaternion qab = Rotations.axisAngleToQuaternion(a).times(Rotations.axisAngleToQuaternion(b));
        assertThat(Rotations.quaternionToMatrix(qab).maxAbsDifference(ra.times(rb))).isLessThan(1e-14);
    }

    @Test
    void sixDUsesTheFirstTwoColumnsAndGramSchmidt() {
        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            Mat3 r = Rotations.axisAngleToMatrix(new Vec3(random.nextGaussian(), random.nextGaussian(),
                random.nextGaussian()));
            double[] six = Rotations.matrixToSixD(r);
            assertThat(six[0]).isEqualTo(r.get(0, 0));
            assertThat(six[3]).isEqualTo(r.get(0, 1));
            assertThat(Rotations.sixDToMatrix(six).maxAbsDifference(r)).isLessThan(1e-14);
            assertThat(Rotations.sixDRobustToMatrix(six).maxAbsDifference(r)).isLessThan(1e-14);
        }
        // Non-orthogonal, non-unit input: x follows a1, and the result is a rotation.
        Mat3 m = Rotations.sixDToMatrix(new double[] {2, 0, 0, 1, 3, 0});
        assertThat(m.maxAbsDifference(Mat3.IDENTITY)).isLessThan(EPS);
        assertOrthonormal(Rotations.sixDRobustToMatrix(new double[] {2, 0.1, 0, 1, 3, 0.2}));
        assertThatThrownBy(() -> Rotations.sixDToMatrix(new double[] {1, 0, 0, 2, 0, 0}))
            .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void angleBetweenIsTheGeodesicDistance() {
        Mat3 a = Rotations.axisAngleToMatrix(new Vec3(0, 0.2, 0));
        Mat3 b = Rotations.axisAngleToMatrix(new Vec3(0, 0.7, 0));
        assertThat(Rotations.angleBetween(a, b)).isCloseTo(0.5, within(1e-14));
    }

    private static void assertOrthonormal(Mat3 r) {
        assertThat(r.transpose().times(r).maxAbsDifference(Mat3.IDENTITY)).isLessThan(1e-14);
        assertThat(r.determinant()).isCloseTo(1, within(1e-14));
    }
}
