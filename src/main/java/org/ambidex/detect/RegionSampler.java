package org.ambidex.detect;

/**
 * Cuts a {@link RotatedRect} out of an RGB image into a square network input, as MediaPipe's CPU image-to-tensor
 * converter does: output pixel {@code (u, v)} of an {@code n x n} input samples the image at
 * {@link RotatedRect#toImage}{@code (u / n, v / n)} (corner-aligned), bilinearly, with a zero or replicated border,
 * and values divided by 255 into [0, 1]. The output is NHWC float32, the layout the TFLite networks take.
 */
final class RegionSampler {

    /** What lies outside the image. */
    enum Border {
        /** Black (the palm detector's letterbox). */
        ZERO,
        /** The nearest edge pixel (the landmark crop). */
        REPLICATE
    }

    private static final double INV_255 = 1 / 255.0;

    private RegionSampler() {
    }

    /** Samples {@code region} of {@code image} into {@code out} at {@code offset}: {@code n * n * 3} floats. */
    static void sample(Pixels image, RotatedRect region, int n, Border border, float[] out, int offset) {
        int w = image.width;
        int h = image.height;
        float[] px = image.hwc;
        double c = Math.cos(region.rotation());
        double s = Math.sin(region.rotation());
        // Image displacement per output pixel along u and v.
        double ux = c * region.width() / n;
        double uy = s * region.width() / n;
        double vx = -s * region.height() / n;
        double vy = c * region.height() / n;
        double[] origin = region.toImage(0, 0);
        int o = offset;
        for (int v = 0; v < n; v++) {
            double rowX = origin[0] + v * vx;
            double rowY = origin[1] + v * vy;
            for (int u = 0; u < n; u++) {
                double x = rowX + u * ux;
                double y = rowY + u * uy;
                bilinear(px, w, h, x, y, border, out, o);
                o += 3;
            }
        }
    }

    private static void bilinear(float[] px, int w, int h, double x, double y, Border border, float[] out, int o) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        if (x0 >= 0 && y0 >= 0 && x0 < w - 1 && y0 < h - 1) {
            // All four neighbours inside the image, as for nearly every pixel of a crop: no clamping.
            int i00 = 3 * (y0 * w + x0);
            int i01 = i00 + 3 * w;
            double w00 = (1 - fx) * (1 - fy) * INV_255;
            double w10 = fx * (1 - fy) * INV_255;
            double w01 = (1 - fx) * fy * INV_255;
            double w11 = fx * fy * INV_255;
            out[o] = (float) (w00 * px[i00] + w10 * px[i00 + 3] + w01 * px[i01] + w11 * px[i01 + 3]);
            out[o + 1] = (float) (w00 * px[i00 + 1] + w10 * px[i00 + 4] + w01 * px[i01 + 1] + w11 * px[i01 + 4]);
            out[o + 2] = (float) (w00 * px[i00 + 2] + w10 * px[i00 + 5] + w01 * px[i01 + 2] + w11 * px[i01 + 5]);
            return;
        }
        // The four neighbours' sample offsets (-1: black outside the image).
        int i00 = index(w, h, x0, y0, border);
        int i10 = index(w, h, x0 + 1, y0, border);
        int i01 = index(w, h, x0, y0 + 1, border);
        int i11 = index(w, h, x0 + 1, y0 + 1, border);
        for (int ch = 0; ch < 3; ch++) {
            double top = (1 - fx) * at(px, i00, ch) + fx * at(px, i10, ch);
            double bottom = (1 - fx) * at(px, i01, ch) + fx * at(px, i11, ch);
            out[o + ch] = (float) (((1 - fy) * top + fy * bottom) / 255.0);
        }
    }

    /** The offset of pixel {@code (x, y)}'s first sample, clamped to the edge or -1 outside for a zero border. */
    private static int index(int w, int h, int x, int y, Border border) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            if (border == Border.ZERO) {
                return -1;
            }
            x = Math.min(Math.max(x, 0), w - 1);
            y = Math.min(Math.max(y, 0), h - 1);
        }
        return 3 * (y * w + x);
    }

    private static float at(float[] px, int index, int ch) {
        return index < 0 ? 0f : px[index + ch];
    }
}
