package org.ambidex.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.io.mesh.Mesh;
import org.junit.jupiter.api.Test;

/**
 * {@link VertexValueMap}: values interpolated over the nearest surface at the pixel centres, the mesh index where a
 * surface is seen and -1 (values 0) elsewhere.
 */
class VertexValueMapTest {

    private static final Intrinsics K = new Intrinsics(100, 100, 20, 20);

    /** A triangle at depth {@code z} whose corners project to the pixel points {@code uv}. */
    private static Mesh triangle(double[] uv, double z) {
        double[] p = new double[9];
        for (int i = 0; i < 3; i++) {
            Vec3 v = K.unproject(uv[2 * i], uv[2 * i + 1], z);
            p[3 * i] = v.x();
            p[3 * i + 1] = v.y();
            p[3 * i + 2] = v.z();
        }
        return Mesh.of("t", p, new int[] {0, 1, 2});
    }

    @Test
    void valuesAreTheBarycentricMixOfTheNearestSurface() {
        double[] uv = {4, 4, 36, 4, 4, 36};
        // at one depth the projected barycentric weights are the surface's: value = u + 10 v at pixel (u, v)
        float[] ramp = {4 + 40, 36 + 40, 4 + 360};
        float[] constant = {7, 7, 7};
        Scene scene = Scene.of(Camera.atOrigin(K), 40, 40).withMesh(SceneMesh.of(triangle(uv, 2)))
            .withMesh(SceneMesh.of(triangle(new double[] {10, 10, 30, 10, 10, 30}, 1)));
        VertexValueMap map = VertexValueMap.draw(scene, List.of(ramp, constant), 1);
        int plane = 40 * 40;
        assertThat(map.mesh()[6 * 40 + 6]).isZero();
        assertThat((double) map.values()[6 * 40 + 6]).isCloseTo(6 + 60, within(1e-4));
        assertThat((double) map.values()[20 * 40 + 5]).isCloseTo(5 + 200, within(1e-4));
        // the nearer triangle hides the ramp where they overlap
        assertThat(map.mesh()[12 * 40 + 12]).isEqualTo(1);
        assertThat(map.values()[12 * 40 + 12]).isEqualTo(7f);
        assertThat(map.mesh()[38 * 40 + 38]).isEqualTo(-1);
        assertThat(map.values()[38 * 40 + 38]).isZero();
        assertThat(map.values()).hasSize(plane);
    }
}
