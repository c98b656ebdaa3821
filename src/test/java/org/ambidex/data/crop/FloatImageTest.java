package org.ambidex.data.crop;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FloatImageTest {

    /**
     * Every image type gives the samples getRGB gives, whether read through the raster or the colour model; a grey
     * image gives its stored sample (getRGB would brighten it, taking grey for linear light).
     */
    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_BGR,
        BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_ARGB_PRE,
        BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_565_RGB})
    void rgbSamplesMatchGetRgbAndGreyItsStoredSample(int type) {
        BufferedImage image = new BufferedImage(37, 23, type);
        Random random = new Random(type);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        assertMatchesGetRgb(image);
        // A view into a larger raster (offsets and a longer scan line) reads its own pixels.
        assertMatchesGetRgb(image.getSubimage(5, 3, 20, 15));
    }

    private static void assertMatchesGetRgb(BufferedImage image) {
        FloatImage rgb = FloatImage.ofRgb(image);
        float[] samples = rgb.toArray();
        assertThat(rgb.width()).isEqualTo(image.getWidth());
        assertThat(rgb.height()).isEqualTo(image.getHeight());
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
                    int v = image.getRaster().getSample(x, y, 0);
                    p = v << 16 | v << 8 | v;
                }
                int o = 3 * (y * image.getWidth() + x);
                assertThat(new float[] {samples[o], samples[o + 1], samples[o + 2]}).as("pixel %d,%d", x, y)
                    .containsExactly((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF);
            }
        }
    }
}
