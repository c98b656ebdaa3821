package org.ambidex.data.crop;

import java.awt.image.BufferedImage;

/**
 * torchvision's {@code resized_crop} of a PIL RGB image, as Pillow computes it: {@code Image.crop} of the box
 * rounded to whole pixels (Python's {@code round}, halves to even; outside the image is black), then
 * {@code Image.resize} with the bilinear filter, which Pillow applies as a separable convolution whose triangle
 * widens with the reduction (so a downscale is antialiased), horizontal pass first, each pass rounded to 8 bits
 * through 22-bit fixed-point weights ({@code libImaging/Resample.c}). The result is Pillow's to the bit.
 */
public final class PillowResizedCrop {

    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PillowResizedCrop() {
    }

    /**
     * The whole-pixel box {@code x0, y0, x1, y1} Pillow crops for torchvision's {@code crop(img, top, left, height,
     * width)}: {@code round} of {@code (left, top, left + width, top + height)}.
     */
    public static int[] box(double left, double top, double width, double height) {
        return new int[] {(int) Math.rint(left), (int) Math.rint(top), (int) Math.rint(left + width),
            (int) Math.rint(top + height)};
    }

    /**
     * Crops {@code box} ({@link #box}) out of {@code image} and resizes it to {@code outWidth x outHeight}.
     *
     * @return a {@code TYPE_INT_RGB} image
     */
    public static BufferedImage apply(BufferedImage image, int[] box, int outWidth, int outHeight) {
        int cw = Math.max(0, box[2] - box[0]);
        int ch = Math.max(0, box[3] - box[1]);
        if (cw == 0 || ch == 0) {
            throw new IllegalArgumentException("empty crop box " + java.util.Arrays.toString(box));
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        // The crop, channel by channel, black outside the image.
        int[][] crop = new int[3][cw * ch];
        for (int y = 0; y < ch; y++) {
            int sy = y + box[1];
            if (sy < 0 || sy >= h) {
                continue;
            }
            for (int x = 0; x < cw; x++) {
                int sx = x + box[0];
                if (sx >= 0 && sx < w) {
                    int rgb = src[sy * w + sx];
                    crop[0][y * cw + x] = (rgb >> 16) & 0xff;
                    crop[1][y * cw + x] = (rgb >> 8) & 0xff;
                    crop[2][y * cw + x] = rgb & 0xff;
                }
            }
        }
        Coefficients horizontal = Coefficients.of(cw, outWidth);
        Coefficients vertical = Coefficients.of(ch, outHeight);
        BufferedImage out = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[outWidth * outHeight];
        for (int c = 0; c < 3; c++) {
            int[] across = new int[outWidth * ch];
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < outWidth; x++) {
                    across[y * outWidth + x] = horizontal.sample(crop[c], y * cw, 1, x);
                }
            }
            for (int y = 0; y < outHeight; y++) {
                for (int x = 0; x < outWidth; x++) {
                    rgb[y * outWidth + x] |= vertical.sample(across, x, outWidth, y) << (16 - 8 * c);
                }
            }
        }
        out.setRGB(0, 0, outWidth, outHeight, rgb, 0, outWidth);
        return out;
    }

    /** Pillow's {@code precompute_coeffs} for the bilinear filter and the box {@code 0..inSize}, in fixed point. */
    private record Coefficients(int[] first, int[] count, int[][] weights) {

        static Coefficients of(int inSize, int outSize) {
            double scale = (double) (float) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale;
            double ss = 1.0 / filterScale;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[][] weights = new int[outSize][];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                // C casts truncate towards zero, as Pillow's "(int)(x + 0.5)" rounding does.
                int xmin = Math.max(0, (int) (center - support + 0.5));
                int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
                double[] k = new double[Math.max(0, xmax)];
                double ww = 0;
                for (int x = 0; x < k.length; x++) {
                    double t = Math.abs((x + xmin - center + 0.5) * ss);
                    k[x] = t < 1.0 ? 1.0 - t : 0.0;
                    ww += k[x];
                }
                int[] fixed = new int[k.length];
                for (int x = 0; x < k.length; x++) {
                    double v = ww != 0.0 ? k[x] / ww : k[x];
                    fixed[x] = (int) (v < 0 ? -0.5 + v * (1 << PRECISION_BITS) : 0.5 + v * (1 << PRECISION_BITS));
                }
                first[xx] = xmin;
                count[xx] = k.length;
                weights[xx] = fixed;
            }
            return new Coefficients(first, count, weights);
        }

        /** Output sample {@code out} from {@code in[offset + stride * i]}, rounded and clipped to 8 bits. */
        int sample(int[] in, int offset, int stride, int out) {
            int ss = 1 << (PRECISION_BITS - 1);
            int[] k = weights[out];
            int base = offset + stride * first[out];
            for (int i = 0; i < count[out]; i++) {
                ss += in[base + stride * i] * k[i];
            }
            return Math.min(255, Math.max(0, ss >> PRECISION_BITS));
        }
    }
}
