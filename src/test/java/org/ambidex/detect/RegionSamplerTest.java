package org.ambidex.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Crops are cut as MediaPipe's CPU converter cuts them: corner-aligned, bilinear, zero or replicated border. */
class RegionSamplerTest {

    /** A 6 x 4 image whose red is 10 x + 1, green 20 y + 2, blue 7. */
    private static Pixels ramp() {
        BufferedImage image = new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                image.setRGB(x, y, ((10 * x + 1) << 16) | ((20 * y + 2) << 8) | 7);
            }
        }
        return Pixels.of(image);
    }

    @Test
    void theWholeImageAtItsOwnSizeIsTheImage() {
        Pixels px = ramp();
        RotatedRect same = new RotatedRect(3, 2, 6, 4, 0);
        float[] out = new float[4 * 4 * 3];
        // A 4 x 4 output of a 6 x 4 region: u samples x = 1.5 u, v samples y = v.
        RegionSampler.sample(px, same, 4, RegionSampler.Border.ZERO, out, 0);
        for (int v = 0; v < 4; v++) {
            for (int u = 0; u < 4; u++) {
                int o = 3 * (4 * v + u);
                assertThat(out[o]).isCloseTo((float) ((10 * 1.5 * u + 1) / 255.0), within(1e-6f));
                assertThat(out[o + 1]).isCloseTo((float) ((20 * v + 2) / 255.0), within(1e-6f));
                assertThat(out[o + 2]).isCloseTo(7 / 255f, within(1e-6f));
            }
        }
    }

    @Test
    void outsideTheImageIsBlackOrTheNearestEdge() {
        Pixels px = ramp();
        RotatedRect far = RotatedRect.square(3, -10, 2); // entirely above the image
        float[] zero = new float[2 * 2 * 3];
        float[] edge = new float[2 * 2 * 3];
        RegionSampler.sample(px, far, 2, RegionSampler.Border.ZERO, zero, 0);
        RegionSampler.sample(px, far, 2, RegionSampler.Border.REPLICATE, edge, 0);
        assertThat(zero).containsOnly(0f);
        assertThat(edge[1]).isCloseTo(2 / 255f, within(1e-6f)); // the top row's green
        assertThat(edge[0]).isCloseTo(21 / 255f, within(1e-6f)); // x = 2
    }

    @Test
    void aQuarterTurnReadsTheImageSideways() {
        Pixels px = ramp();
        // Turned a quarter: output +u runs along image +y, output +v along image -x.
        RotatedRect turned = new RotatedRect(3, 2, 2, 2, Math.PI / 2);
        float[] out = new float[2 * 2 * 3];
        RegionSampler.sample(px, turned, 2, RegionSampler.Border.ZERO, out, 0);
        // (u, v) = (0, 0) samples (3 + 1, 2 - 1) = (4, 1); (1, 0) samples (4, 2); (0, 1) samples (3, 1).
        assertThat(out[0]).isCloseTo(41 / 255f, within(1e-5f));
        assertThat(out[1]).isCloseTo(22 / 255f, within(1e-5f));
        assertThat(out[3 + 1]).isCloseTo(42 / 255f, within(1e-5f));
        assertThat(out[6]).isCloseTo(31 / 255f, within(1e-5f));
    }
}
