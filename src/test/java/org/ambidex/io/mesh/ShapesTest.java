package org.ambidex.io.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ShapesTest {

    /** Signed volume by the divergence theorem: positive exactly when faces wind outward. */
    static double signedVolume(Mesh m) {
        double v = 0;
        for (int f = 0; f < m.faceCount(); f++) {
            int a = m.face(f, 0);
            int b = m.face(f, 1);
            int c = m.face(f, 2);
            v += m.x(a) * (m.y(b) * m.z(c) - m.z(b) * m.y(c)) - m.y(a) * (m.x(b) * m.z(c) - m.z(b) * m.x(c))
                + m.z(a) * (m.x(b) * m.y(c) - m.y(b) * m.x(c));
        }
        return v / 6;
    }

    /** Every undirected edge is used by exactly two faces, once in each direction: closed and consistent. */
    static void assertClosedAndConsistent(Mesh m) {
        java.util.Map<Long, Integer> directed = new java.util.HashMap<>();
        for (int f = 0; f < m.faceCount(); f++) {
            for (int k = 0; k < 3; k++) {
                long key = ((long) m.face(f, k) << 32) | m.face(f, (k + 1) % 3);
                directed.merge(key, 1, Integer::sum);
            }
        }
        directed.forEach((key, count) -> {
            assertThat(count).isEqualTo(1);
            long reverse = (key << 32) | (key >>> 32);
            assertThat(directed).containsKey(reverse);
        });
    }

    @Test
    void boxIsClosedOutwardWithItsVolume() {
        Mesh box = Shapes.box("b", 1, 2, 3, 0.5, 0.25, 2);
        assertClosedAndConsistent(box);
        assertThat(signedVolume(box)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void icosphereIsClosedOutwardAndOnTheSphere() {
        Mesh s = Shapes.icosphere("s", 0.1, -0.2, 0.3, 0.5, 3);
        assertThat(s.vertexCount()).isEqualTo(642);
        assertThat(s.faceCount()).isEqualTo(1280);
        assertClosedAndConsistent(s);
        for (int i = 0; i < s.vertexCount(); i++) {
            double dx = s.x(i) - 0.1;
            double dy = s.y(i) + 0.2;
            double dz = s.z(i) - 0.3;
            assertThat(Math.sqrt(dx * dx + dy * dy + dz * dz)).isCloseTo(0.5, within(1e-12));
        }
        double sphere = 4.0 / 3 * Math.PI * 0.125;
        assertThat(signedVolume(s)).isPositive().isCloseTo(sphere, within(0.01 * sphere));
    }

    @Test
    void ellipsoidIsClosedOutwardWithNearlyItsVolume() {
        Mesh e = Shapes.ellipsoid("e", 0, 0, 0.5, 0.05, 0.09, 0.02, 26, 30);
        assertThat(e.vertexCount()).isEqualTo(25 * 30 + 2);
        assertClosedAndConsistent(e);
        double exact = 4.0 / 3 * Math.PI * 0.05 * 0.09 * 0.02;
        assertThat(signedVolume(e)).isPositive().isCloseTo(exact, within(0.02 * exact));
        // Computed normals point away from the centre.
        for (int i = 0; i < e.vertexCount(); i++) {
            double d = e.normal(i, 0) * e.x(i) + e.normal(i, 1) * e.y(i) + e.normal(i, 2) * (e.z(i) - 0.5);
            assertThat(d).isPositive();
        }
    }
}
