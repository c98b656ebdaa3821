package org.ambidex.synth;

import java.awt.image.BufferedImage;
import java.util.random.RandomGenerator;
import org.ambidex.io.mesh.Rgb;
import org.ambidex.render.Lighting;

/**
 * How a frame looks: the skin tone of each hand (with its palm and nails), the lights and a procedural background (smooth value noise at
 * a few scales in random colours, random bars, pixel noise), all drawn from the frame's seeded random source.
 */
final class Appearance {

    /** Skin tones from light to dark (sRGB 0..1). */
    private static final double[][] SKIN = {
        {0.96, 0.80, 0.69}, {0.92, 0.74, 0.62}, {0.86, 0.67, 0.53}, {0.78, 0.58, 0.44},
        {0.68, 0.49, 0.36}, {0.55, 0.38, 0.27}, {0.42, 0.29, 0.20}, {0.32, 0.22, 0.16}};

    private Appearance() {
    }

    /** Tones for the right and left hand: one person's tone with a slight difference between hands. */
    static Rgb[] skinTones(RandomGenerator random) {
        double[] base = SKIN[random.nextInt(SKIN.length)];
        Rgb[] out = new Rgb[2];
        double shade = 1 + 0.06 * random.nextGaussian();
        for (int h = 0; h < 2; h++) {
            double s = shade * (1 + 0.02 * random.nextGaussian());
            out[h] = new Rgb(clip(base[0] * s), clip(base[1] * s), clip(base[2] * s));
        }
        return out;
    }

    /** Volar skin is drawn toward this light pink (sRGB), by a fraction drawn per hand and frame. */
    private static final double[] PALM = {0.95, 0.74, 0.67};
    /** Nails are drawn toward this pale pink (sRGB). */
    private static final double[] NAIL = {0.97, 0.86, 0.83};

    /**
     * Per-vertex sRGB colours (3 bytes per vertex) of a hand of skin {@code tone}: the dorsal skin in the tone, the
     * volar skin lighter and pinker (as on real hands, strongly so on dark skin), the nails paler still.
     */
    static byte[] skinColours(Rgb tone, SkinRegions regions, RandomGenerator random) {
        double palmMix = random.nextDouble(0.35, 0.6);
        double nailMix = random.nextDouble(0.5, 0.75);
        double[] t = {tone.r(), tone.g(), tone.b()};
        byte[] out = new byte[3 * regions.vertexCount()];
        for (int i = 0; i < regions.vertexCount(); i++) {
            double p = palmMix * regions.palm(i);
            double n = nailMix * regions.nail(i);
            for (int c = 0; c < 3; c++) {
                double skin = t[c] + p * (PALM[c] - t[c]);
                out[3 * i + c] = (byte) Rgb.to8Bit(clip(skin + n * (NAIL[c] - skin)));
            }
        }
        return out;
    }

    /** Lights fixed to the camera: a key light from a random upper-front direction, a fill, some ambient. */
    static Lighting lighting(RandomGenerator random) {
        double[] key = {random.nextDouble(-0.9, 0.9), random.nextDouble(-0.9, 0.1), -random.nextDouble(0.3, 1.0)};
        double[] fill = {-key[0] + 0.3 * random.nextGaussian(), random.nextDouble(-0.3, 0.5), -random.nextDouble(0.3, 1.0)};
        return new Lighting(key, random.nextDouble(0.45, 0.85), fill, random.nextDouble(0.05, 0.35),
            random.nextDouble(0.12, 0.35), random.nextDouble(0.02, 0.2), 8 + random.nextInt(40));
    }

    /** A textured, noisy background of {@code width x height} pixels. */
    static BufferedImage background(int width, int height, RandomGenerator random) {
        float[] r = new float[width * height];
        float[] g = new float[width * height];
        float[] b = new float[width * height];
        // Moderately saturated base colours: a grey level plus a smaller random tint.
        double grey = random.nextDouble(0.15, 0.85);
        double[] base = {grey + random.nextDouble(-0.2, 0.2), grey + random.nextDouble(-0.2, 0.2),
            grey + random.nextDouble(-0.2, 0.2)};
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) base[0];
            g[i] = (float) base[1];
            b[i] = (float) base[2];
        }
        int layers = 2 + random.nextInt(3);
        for (int l = 0; l < layers; l++) {
            int cells = 2 + random.nextInt(24);
            double amplitude = random.nextDouble(0.1, 0.5);
            double[] colour = {random.nextDouble(-1, 1), random.nextDouble(-1, 1), random.nextDouble(-1, 1)};
            float[] noise = valueNoise(width, height, cells, random);
            for (int i = 0; i < r.length; i++) {
                double v = amplitude * (noise[i] - 0.5);
                r[i] += (float) (v * colour[0]);
                g[i] += (float) (v * colour[1]);
                b[i] += (float) (v * colour[2]);
            }
        }
        int bars = random.nextInt(6);
        for (int k = 0; k < bars; k++) {
            boolean vertical = random.nextBoolean();
            int size = vertical ? width : height;
            int from = random.nextInt(size);
            int thickness = 2 + random.nextInt(Math.max(1, size / 6));
            double shade = random.nextDouble(0.1, 0.9);
            double[] colour = {shade + random.nextDouble(-0.15, 0.15), shade + random.nextDouble(-0.15, 0.15),
                shade + random.nextDouble(-0.15, 0.15)};
            double alpha = random.nextDouble(0.3, 1.0);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int c = vertical ? x : y;
                    if (c >= from && c < from + thickness) {
                        int i = y * width + x;
                        r[i] = (float) ((1 - alpha) * r[i] + alpha * colour[0]);
                        g[i] = (float) ((1 - alpha) * g[i] + alpha * colour[1]);
                        b[i] = (float) ((1 - alpha) * b[i] + alpha * colour[2]);
                    }
                }
            }
        }
        double sigma = random.nextDouble(0.005, 0.04);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                row[x] = byteOf(r[i] + sigma * random.nextGaussian()) << 16
                    | byteOf(g[i] + sigma * random.nextGaussian()) << 8 | byteOf(b[i] + sigma * random.nextGaussian());
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    /** Adds sensor-like noise ({@code N(0, sigma)} per channel, 0..255 units) to {@code image} in place. */
    static void addNoise(BufferedImage image, double sigma, RandomGenerator random) {
        int w = image.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int r = clamp(((p >> 16) & 0xFF) + (int) Math.round(sigma * random.nextGaussian()));
                int g = clamp(((p >> 8) & 0xFF) + (int) Math.round(sigma * random.nextGaussian()));
                int b = clamp((p & 0xFF) + (int) Math.round(sigma * random.nextGaussian()));
                row[x] = r << 16 | g << 8 | b;
            }
            image.setRGB(0, y, w, 1, row, 0, w);
        }
    }

    /** Bilinearly interpolated random values on a {@code cells x cells} grid, 0..1. */
    private static float[] valueNoise(int width, int height, int cells, RandomGenerator random) {
        float[] grid = new float[(cells + 1) * (cells + 1)];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = random.nextFloat();
        }
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            double gy = (double) y / height * cells;
            int y0 = (int) gy;
            double fy = gy - y0;
            for (int x = 0; x < width; x++) {
                double gx = (double) x / width * cells;
                int x0 = (int) gx;
                double fx = gx - x0;
                double top = grid[y0 * (cells + 1) + x0] * (1 - fx) + grid[y0 * (cells + 1) + x0 + 1] * fx;
                double bottom = grid[(y0 + 1) * (cells + 1) + x0] * (1 - fx) + grid[(y0 + 1) * (cells + 1) + x0 + 1] * fx;
                out[y * width + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static int byteOf(double v) {
        return clamp((int) Math.round(v * 255));
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
