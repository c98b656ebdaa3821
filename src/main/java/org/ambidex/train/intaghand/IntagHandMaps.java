package org.ambidex.train.intaghand;

import org.ambidex.data.crop.FloatImage;

/**
 * The image operations of IntagHand's data pipeline on its auxiliary maps: the joint heat maps of
 * {@code dataset/heatmap.py} and {@code cv.resize}'s bilinear scaling by 4 (up from the 64-pixel heat-map files to
 * the 256-pixel crop, down from the crop to the 64-pixel targets), and {@code imgUtils.add_noise}'s colour change.
 */
final class IntagHandMaps {

    /** {@code HEATMAP_SIZE}. */
    static final int HEATMAP_SIZE = 64;
    /** {@code HEATMAP_SIGMA}. */
    static final double HEATMAP_SIGMA = 2;

    private IntagHandMaps() {
    }

    /**
     * The heat maps {@code render_data} writes for one hand: {@code HeatmapGenerator(64, 2)} of the joints' crop
     * pixels times 64/256 (a full Gaussian {@code exp(-d^2 / 2 sigma^2)} about each joint; none for a joint outside
     * {@code [0, 64)}), as the 8-bit levels {@code cv.imwrite} stores ({@code x 255}, rounded).
     *
     * @param joints2d {@code (21, 2)} crop pixels
     * @param crop the crop side, pixels
     * @return {@code 64 x 64 x 21} levels 0..255 (interleaved, as the three-channel files hold them side by side)
     */
    static FloatImage heatmaps(double[] joints2d, int crop) {
        int n = joints2d.length / 2;
        int s = HEATMAP_SIZE;
        float[] hwc = new float[s * s * n];
        double ratio = (double) s / crop;
        for (int j = 0; j < n; j++) {
            double x = joints2d[2 * j] * ratio;
            double y = joints2d[2 * j + 1] * ratio;
            if (!(x >= 0 && y >= 0 && x < s && y < s)) {
                continue;
            }
            for (int row = 0; row < s; row++) {
                for (int col = 0; col < s; col++) {
                    double d2 = (col - x) * (col - x) + (row - y) * (row - y);
                    float v = (float) Math.exp(-d2 / (2 * HEATMAP_SIGMA * HEATMAP_SIGMA));
                    hwc[(row * s + col) * n + j] = (float) Math.rint(v * 255f);
                }
            }
        }
        return FloatImage.of(s, s, n, hwc);
    }

    /**
     * {@code cv.resize(img, (4 w, 4 h))} with bilinear interpolation, in floats: destination pixel {@code x} samples
     * the source at {@code (x + 1/2) / 4 - 1/2}, clamped to the edge pixels.
     */
    static FloatImage upFour(FloatImage src) {
        int w = src.width();
        int h = src.height();
        int cn = src.channels();
        int dw = 4 * w;
        int dh = 4 * h;
        float[] s = src.toArray();
        int[] x0 = new int[dw];
        float[] fx = new float[dw];
        taps(w, x0, fx);
        int[] y0 = new int[dh];
        float[] fy = new float[dh];
        taps(h, y0, fy);
        float[] out = new float[dw * dh * cn];
        for (int y = 0; y < dh; y++) {
            int ya = y0[y];
            int yb = Math.min(ya + 1, h - 1);
            for (int x = 0; x < dw; x++) {
                int xa = x0[x];
                int xb = Math.min(xa + 1, w - 1);
                for (int c = 0; c < cn; c++) {
                    float top = s[(ya * w + xa) * cn + c] * (1 - fx[x]) + s[(ya * w + xb) * cn + c] * fx[x];
                    float bottom = s[(yb * w + xa) * cn + c] * (1 - fx[x]) + s[(yb * w + xb) * cn + c] * fx[x];
                    out[(y * dw + x) * cn + c] = top * (1 - fy[y]) + bottom * fy[y];
                }
            }
        }
        return FloatImage.of(dw, dh, cn, out);
    }

    private static void taps(int size, int[] first, float[] weight) {
        for (int d = 0; d < first.length; d++) {
            double f = (d + 0.5) / 4 - 0.5;
            int i = (int) Math.floor(f);
            double w = f - i;
            if (i < 0) {
                i = 0;
                w = 0;
            }
            if (i >= size - 1) {
                i = size - 1;
                w = 0;
            }
            first[d] = i;
            weight[d] = (float) w;
        }
    }

    /**
     * {@code cv.resize(img, (w / 4, h / 4))} with bilinear interpolation: destination pixel {@code x} samples the
     * source at {@code 4 x + 3/2}, the mean of columns {@code 4x + 1} and {@code 4x + 2} (and likewise rows).
     *
     * @param eightBit whether {@code src} holds 8-bit levels, which OpenCV's fixed-point path rounds as
     *     {@code (sum of the four + 2) >> 2}; otherwise the float mean
     * @return {@code (channels, h / 4, w / 4)} planar
     */
    static float[] downFour(FloatImage src, boolean eightBit) {
        int w = src.width();
        int cn = src.channels();
        int dw = w / 4;
        int dh = src.height() / 4;
        float[] s = src.toArray();
        int plane = dw * dh;
        float[] out = new float[cn * plane];
        for (int y = 0; y < dh; y++) {
            int r0 = (4 * y + 1) * w;
            int r1 = (4 * y + 2) * w;
            for (int x = 0; x < dw; x++) {
                int c0 = 4 * x + 1;
                int c1 = 4 * x + 2;
                for (int c = 0; c < cn; c++) {
                    float sum = s[(r0 + c0) * cn + c] + s[(r0 + c1) * cn + c] + s[(r1 + c0) * cn + c]
                        + s[(r1 + c1) * cn + c];
                    out[c * plane + y * dw + x] = eightBit ? (((int) sum + 2) >> 2) : sum / 4;
                }
            }
        }
        return out;
    }

    /**
     * {@code add_noise} with {@code noise} 0 on the 8-bit RGB {@code img}: per channel {@code gain * v + offset}
     * (gains given for B, G, R as the reference holds the image), clipped to [0, 255] and truncated to 8 bits.
     */
    static FloatImage colour(FloatImage img, double[] bgrGains, double offset) {
        float[] d = img.toArray();
        for (int i = 0; i < d.length; i++) {
            double v = bgrGains[2 - i % 3] * d[i] + offset;
            d[i] = (float) Math.floor(Math.min(255, Math.max(0, v)));
        }
        return FloatImage.of(img.width(), img.height(), 3, d);
    }
}
