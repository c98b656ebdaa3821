package org.ambidex.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.Rgb;
import org.junit.jupiter.api.Test;

class CompositingTest {

    private static final Intrinsics K = new Intrinsics(100, 100, 20, 20);

    /** A quad at depth 1 covering the pixel rectangle [u0, u1] x [v0, v1]. */
    private static Mesh quad(double u0, double u1, double v0, double v1) {
        Vec3 a = K.unproject(u0, v0, 1);
        Vec3 b = K.unproject(u1, v0, 1);
        Vec3 c = K.unproject(u1, v1, 1);
        Vec3 d = K.unproject(u0, v1, 1);
        return Mesh.of("q", new double[] {a.x(), a.y(), a.z(), b.x(), b.y(), b.z(), c.x(), c.y(), c.z(), d.x(), d.y(),
            d.z()}, new int[] {0, 1, 2, 0, 2, 3});
    }

    private static int channel(int rgb, int shift) {
        return (rgb >> shift) & 0xFF;
    }

    private static BufferedImage photo(int rgb) {
        BufferedImage p = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                p.setRGB(x, y, rgb);
            }
        }
        return p;
    }

    @Test
    void flatLitMeshIsItsColourAndHalfOpacityMixesInLinearLight() {
        Rgb color = Rgb.ofHex(0x3366CC);
        Scene scene = Scene.over(photo(0xFFFFFF), Camera.atOrigin(K)).withLighting(Lighting.FLAT)
            .withSupersampling(1).withMesh(quad(5, 15, 5, 15), color);
        BufferedImage opaque = Renderer.render(scene).image();
        assertThat(opaque.getRGB(10, 10) & 0xFFFFFF).isEqualTo(0x3366CC);
        assertThat(opaque.getRGB(30, 30) & 0xFFFFFF).isEqualTo(0xFFFFFF);

        BufferedImage half = Renderer.render(scene.withOpacity(0.5)).image();
        int got = half.getRGB(10, 10);
        int[] shifts = {16, 8, 0};
        for (int ch = 0; ch < 3; ch++) {
            double mesh = Rgb.toLinear(channel(0x3366CC, shifts[ch]) / 255.0);
            double expected = Rgb.toSrgb(0.5 * mesh + 0.5 * 1.0) * 255;
            assertThat((double) channel(got, shifts[ch])).isCloseTo(expected, within(0.6));
        }
        BufferedImage none = Renderer.render(scene.withOpacity(0)).image();
        assertThat(none.getRGB(10, 10) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void supersamplingBlendsEdgePixelsByTheirCoverage() {
        // The quad's right edge at u = 10 cuts pixel 10 (spanning 9.5..10.5) in half: with 4x4 samples at
        // 9.625, 9.875, 10.125, 10.375 two columns of four are inside, so alpha = 1/2 exactly.
        Scene scene = Scene.over(photo(0x000000), Camera.atOrigin(K)).withLighting(Lighting.FLAT)
            .withSupersampling(4).withMesh(quad(2, 10, 2, 30), Rgb.ofHex(0xFFFFFF));
        RenderResult r = Renderer.render(scene);
        int edge = r.image().getRGB(10, 15) & 0xFF;
        assertThat((double) edge).isCloseTo(Rgb.toSrgb(0.5) * 255, within(0.6));
        assertThat(r.mask(0).coverage(10, 15)).isEqualTo(0.5);
        assertThat(r.mask(0).contains(10, 15)).isTrue();
        assertThat(r.mask(0).coverage(11, 15)).isZero();
        assertThat(r.image().getRGB(5, 15) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void shadingIsBrighterFacingTheKeyLightAndVertexColoursWin() {
        Mesh q = quad(5, 35, 5, 35);
        byte[] colours = new byte[12];
        for (int i = 0; i < 4; i++) {
            colours[3 * i] = (byte) 255; // red at every vertex
        }
        Scene flat = Scene.of(Camera.atOrigin(K), 40, 40).withLighting(Lighting.FLAT).withSupersampling(1)
            .withMesh(q.withVertexColors(colours), Palette.LEFT_HAND);
        assertThat(Renderer.render(flat).image().getRGB(20, 20) & 0xFFFFFF).isEqualTo(0xFF0000);

        // A plane facing the camera is lit less than full: ambient + key * cos + fill * cos < 1.
        Scene lit = Scene.of(Camera.atOrigin(K), 40, 40).withSupersampling(1).withMesh(q, Rgb.ofHex(0x808080));
        int c = Renderer.render(lit).image().getRGB(20, 20) & 0xFF;
        assertThat(c).isBetween(40, 0x80 + 20);
    }

    @Test
    void emptySceneIsTheBackgroundWithInfiniteDepth() {
        RenderResult r = Renderer.render(Scene.of(Camera.atOrigin(K), 40, 40).withBackgroundColor(Rgb.ofHex(0x102030)));
        assertThat(r.image().getRGB(3, 7) & 0xFFFFFF).isEqualTo(0x102030);
        assertThat(r.depth().at(3, 7)).isInfinite();
        assertThat(r.masks()).isEmpty();
        assertThat(r.normals().at(3, 7, 2)).isZero();
    }
}
