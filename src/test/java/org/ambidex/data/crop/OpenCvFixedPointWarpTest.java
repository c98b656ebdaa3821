package org.ambidex.data.crop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.ambidex.geom.Affine2;
import org.ambidex.nets.PyTorch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenCvFixedPointWarpTest {

    @TempDir
    Path tmp;

    @Test
    void aQuarterPixelBlendRoundsInFixedPoint() {
        // dst(0, 0) = src(0.25, 0) sampled at 8/32: (3 * 24 + 4 * 8) * 1024 = 106496, + 16384 >> 15 = 3 (3.25 in float)
        FloatImage src = FloatImage.of(2, 1, 1, new float[] {3, 4});
        FloatImage out = OpenCvFixedPointWarp.warpAffine(src, new Affine2(1, 0, -0.25, 0, 1, 0), 1, 1);
        assertThat(out.get(0, 0, 0)).isEqualTo(3f);
        // src(0.5, 0) of 3 and 4 is 3.5, which rounds up: (3 + 4) * 16384 + 16384 >> 15 = 4
        out = OpenCvFixedPointWarp.warpAffine(src, new Affine2(1, 0, -0.5, 0, 1, 0), 1, 1);
        assertThat(out.get(0, 0, 0)).isEqualTo(4f);
        // a blend with the zero border: src(1.5, 0) = 4 / 2 = 2
        out = OpenCvFixedPointWarp.warpAffine(src, new Affine2(1, 0, -1.5, 0, 1, 0), 1, 1);
        assertThat(out.get(0, 0, 0)).isEqualTo(2f);
    }

    @Test
    void wholePixelPositionsCopyTheSource() {
        float[] d = new float[5 * 4 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i * 37) % 256;
        }
        FloatImage src = FloatImage.of(5, 4, 3, d);
        assertThat(OpenCvFixedPointWarp.warpAffine(src, Affine2.IDENTITY, 5, 4).toArray()).containsExactly(d);
    }

    @Test
    void refusesSamplesThatAreNotEightBit() {
        FloatImage src = FloatImage.of(2, 1, 1, new float[] {3, 4.5f});
        assertThatThrownBy(() -> OpenCvFixedPointWarp.warpAffine(src, Affine2.IDENTITY, 2, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample 1 is 4.5");
    }

    /**
     * Bit-exact with Debian's python3-opencv on a two-hand render, a colour pattern, noise and a ramp under maps that
     * zoom, shrink, rotate, mirror, shear and reach past the border.
     */
    @Test
    void equalsOpenCvOnImagesAndMaps() throws IOException {
        PyTorch.assumeAvailable(true);
        Map<String, FloatImage> images = new LinkedHashMap<>();
        images.put("render", FloatImage.ofRgb(ImageIO.read(
            Path.of("examples/images/train/Capture4/synth_cross/cam410000/image9.jpg").toFile())));
        images.put("pattern", FloatImage.ofRgb(ImageIO.read(
            Path.of("src/test/resources/fixtures/nets/tiny-internet/hands.png").toFile())));
        SplittableRandom random = new SplittableRandom(22);
        float[] noise = new float[61 * 47 * 3];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextInt(256);
        }
        images.put("noise", FloatImage.of(61, 47, 3, noise));
        float[] ramp = new float[33 * 29];
        for (int y = 0; y < 29; y++) {
            for (int x = 0; x < 33; x++) {
                ramp[y * 33 + x] = (7 * x + 3 * y) % 256;
            }
        }
        images.put("ramp", FloatImage.of(33, 29, 1, ramp));

        List<Affine2> maps = new ArrayList<>();
        maps.add(new Affine2(1, 0, -0.3, 0, 1, 0.71));
        maps.add(new Affine2(5.12, 0, 5.12 * (25 - 30.3), 0, 5.12, 5.12 * (25 - 21.7))); // an IntagHand-like zoom
        maps.add(new Affine2(0.37, 0, 3.3, 0, 0.41, -2.2)); // shrinking
        double a = Math.toRadians(33);
        maps.add(new Affine2(1.7 * Math.cos(a), -1.7 * Math.sin(a), 20.25, 1.7 * Math.sin(a), 1.7 * Math.cos(a), -9.5));
        maps.add(new Affine2(-1.3, 0.2, 70.1, 0.15, 1.1, -3.9)); // mirrored and sheared
        for (int i = 0; i < 4; i++) {
            maps.add(new Affine2(0.5 + 3 * random.nextDouble(), random.nextDouble() - 0.5,
                40 * random.nextDouble() - 20, random.nextDouble() - 0.5, 0.5 + 3 * random.nextDouble(),
                40 * random.nextDouble() - 20));
        }

        StringBuilder cases = new StringBuilder();
        Map<String, FloatImage> expected = new LinkedHashMap<>();
        int outW = 83;
        int outH = 71;
        for (Map.Entry<String, FloatImage> image : images.entrySet()) {
            FloatImage src = image.getValue();
            Files.write(tmp.resolve(image.getKey() + ".u8"), bytes(src.toArray()));
            for (int k = 0; k < maps.size(); k++) {
                String name = image.getKey() + "_" + k;
                Files.copy(tmp.resolve(image.getKey() + ".u8"), tmp.resolve(name + ".u8"));
                double[] m = maps.get(k).toRowMajor();
                cases.append(name).append(' ').append(src.width()).append(' ').append(src.height()).append(' ')
                    .append(src.channels()).append(' ').append(outW).append(' ').append(outH);
                for (double v : m) {
                    cases.append(' ').append(v);
                }
                cases.append('\n');
                expected.put(name, OpenCvFixedPointWarp.warpAffine(src, maps.get(k), outW, outH));
            }
        }
        Files.writeString(tmp.resolve("cases.txt"), cases);
        PyTorch.scriptAt(Path.of("src/test/python/opencv_warp.py"), tmp.toString());

        long compared = 0;
        long mismatched = 0;
        long differsFromFloat = 0;
        for (Map.Entry<String, FloatImage> e : expected.entrySet()) {
            byte[] cv = Files.readAllBytes(tmp.resolve(e.getKey() + ".out.u8"));
            float[] ours = e.getValue().toArray();
            assertThat(cv).as(e.getKey()).hasSize(ours.length);
            String key = e.getKey();
            FloatImage src = images.get(key.substring(0, key.indexOf('_')));
            Affine2 map = maps.get(Integer.parseInt(key.substring(key.indexOf('_') + 1)));
            float[] viaFloat = OpenCvAffine.warpAffine(src, map, outW, outH).toArray();
            for (int i = 0; i < ours.length; i++) {
                compared++;
                if ((cv[i] & 0xFF) != (int) ours[i]) {
                    mismatched++;
                }
                if ((cv[i] & 0xFF) != viaFloat[i]) {
                    differsFromFloat++;
                }
            }
        }
        assertThat(mismatched).as("samples differing from OpenCV among " + compared).isZero();
        // the comparison can fail: the float warp, which the crop fed the network before, is not OpenCV's result
        assertThat(differsFromFloat).as("samples where the float warp differs").isPositive();
    }

    private static byte[] bytes(float[] samples) {
        byte[] b = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            b[i] = (byte) (int) samples[i];
        }
        return b;
    }
}
