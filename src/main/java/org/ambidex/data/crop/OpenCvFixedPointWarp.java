package org.ambidex.data.crop;

import org.ambidex.geom.Affine2;

/**
 * {@code cv2.warpAffine(src, map, (width, height), flags=INTER_LINEAR, borderValue=0)} on an 8-bit image, with
 * OpenCV's integer arithmetic (releases before 4.11, as the IntagHand and DIR reference code ran it).
 *
 * <p>On {@code uint8} images OpenCV does not interpolate in float: the source positions are the remap table of
 * {@link OpenCvAffine} (1/32 pixel), and the four bilinear weights are 15-bit integers {@code (32 - fy)(32 - fx) * 32}
 * and its siblings (the table entry for a whole-pixel position is {@code 32767, 0, 0, 1}, because 32768 does not fit
 * a short, which changes no result); the weighted sum of the four 8-bit neighbours is rounded by
 * {@code (sum + 2^14) >> 15}. Neighbours outside the source count as 0. A float warp rounded to 8 bits differs
 * from this in about 0.6% of samples, by one level.
 */
public final class OpenCvFixedPointWarp {

    private static final int COEF_BITS = 15;
    private static final int COEF_SCALE = 1 << COEF_BITS;
    private static final int[] WEIGHTS = integerBilinearTable();

    private OpenCvFixedPointWarp() {
    }

    /**
     * The warp of an 8-bit image.
     *
     * @param src samples that are whole numbers in [0, 255] (an 8-bit image held as floats), any channel count
     * @param map source pixel coordinates to destination pixel coordinates (pixel centres at integers)
     * @return the {@code width x height} destination, same channels, whole numbers in [0, 255]
     * @throws IllegalArgumentException when a sample of {@code src} is not an 8-bit value, or the size is not positive
     */
    public static FloatImage warpAffine(FloatImage src, Affine2 map, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("output size must be positive: " + width + "x" + height);
        }
        int cn = src.channels();
        int sw = src.width();
        int sh = src.height();
        int[] s = toBytes(src.samples());
        int[] pos = OpenCvAffine.sourcePositions(map, width, height);
        int mask = OpenCvAffine.INTER_TAB_SIZE - 1;
        float[] out = new float[Math.multiplyExact(Math.multiplyExact(width, height), cn)];
        for (int p = 0; p < width * height; p++) {
            int fxp = pos[2 * p];
            int fyp = pos[2 * p + 1];
            int sx = OpenCvAffine.saturateShort(fxp >> OpenCvAffine.INTER_BITS);
            int sy = OpenCvAffine.saturateShort(fyp >> OpenCvAffine.INTER_BITS);
            if (sx >= sw || sx + 1 < 0 || sy >= sh || sy + 1 < 0) {
                continue;
            }
            int w = 4 * ((fyp & mask) * OpenCvAffine.INTER_TAB_SIZE + (fxp & mask));
            boolean x0in = sx >= 0;
            boolean x1in = sx + 1 < sw;
            boolean y0in = sy >= 0;
            boolean y1in = sy + 1 < sh;
            int r0 = sy * sw;
            int r1 = (sy + 1) * sw;
            int o = p * cn;
            for (int c = 0; c < cn; c++) {
                int v0 = x0in && y0in ? s[(r0 + sx) * cn + c] : 0;
                int v1 = x1in && y0in ? s[(r0 + sx + 1) * cn + c] : 0;
                int v2 = x0in && y1in ? s[(r1 + sx) * cn + c] : 0;
                int v3 = x1in && y1in ? s[(r1 + sx + 1) * cn + c] : 0;
                int sum = v0 * WEIGHTS[w] + v1 * WEIGHTS[w + 1] + v2 * WEIGHTS[w + 2] + v3 * WEIGHTS[w + 3];
                // the weights sum to 2^15, so the rounded value is already within 0..255
                out[o + c] = (sum + (COEF_SCALE >> 1)) >> COEF_BITS;
            }
        }
        return FloatImage.wrap(width, height, cn, out);
    }

    private static int[] toBytes(float[] samples) {
        int[] b = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            float v = samples[i];
            if (!(v >= 0 && v <= 255) || v != Math.rint(v)) {
                throw new IllegalArgumentException("the fixed-point warp takes an 8-bit image; sample " + i + " is " + v
                    + ", expected a whole number in 0..255");
            }
            b[i] = (int) v;
        }
        return b;
    }

    /**
     * The 32 x 32 table of four 15-bit weights as {@code initInterTab2D(INTER_LINEAR, fixpt=true)} builds it: the
     * float weights times 2^15, saturated to short (only the whole-pixel entry saturates: 32768 -> 32767), then the
     * lost unit added where OpenCV's correction loop puts it for a 2 x 2 kernel, the last weight.
     */
    private static int[] integerBilinearTable() {
        int n = OpenCvAffine.INTER_TAB_SIZE;
        int[] tab = new int[n * n * 4];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int o = 4 * (i * n + j);
                // (1 - i/32)(1 - j/32) 2^15 and the like are exact in float: whole numbers below 2^15
                tab[o] = Math.min((n - i) * (n - j) * COEF_SCALE / (n * n), Short.MAX_VALUE);
                tab[o + 1] = (n - i) * j * COEF_SCALE / (n * n);
                tab[o + 2] = i * (n - j) * COEF_SCALE / (n * n);
                tab[o + 3] = i * j * COEF_SCALE / (n * n);
                int sum = tab[o] + tab[o + 1] + tab[o + 2] + tab[o + 3];
                tab[o + 3] += COEF_SCALE - sum;
            }
        }
        return tab;
    }
}
