package org.ambidex.data.crop;

import org.ambidex.geom.Affine2;

/**
 * OpenCV's affine helpers: {@code getAffineTransform} (the affine map taking three source points to three
 * destination points, from float32 points as OpenCV takes them) and {@code warpAffine} with bilinear
 * interpolation and a constant zero border (SEED_SPEC I.1).
 *
 * <p>The warp reproduces OpenCV's arithmetic, not just its geometry: integer pixel coordinates are pixel centres;
 * the map is inverted as {@code invertAffineTransform} does; each destination pixel's source position is computed
 * in fixed point ({@code AB_BITS = 10}) and rounded to 1/32 pixel ({@code INTER_BITS = 5}); the four bilinear
 * weights are float products of {@code 1 - k/32} and {@code k/32}; neighbours outside the source count as 0; sums
 * are taken in float in OpenCV's order. This is the warp of OpenCV releases before 4.11 used by the reference code.
 */
public final class OpenCvAffine {

    private static final int INTER_BITS = 5;
    private static final int INTER_TAB_SIZE = 1 << INTER_BITS;
    private static final int AB_BITS = 10;
    private static final int AB_SCALE = 1 << AB_BITS;
    private static final int ROUND_DELTA = AB_SCALE / INTER_TAB_SIZE / 2;
    private static final float[] WEIGHTS = bilinearTable();
    private static final int[] FIXED_WEIGHTS = fixedWeights();

    private OpenCvAffine() {
    }

    /**
     * The affine map with {@code dst[i] = A src[i]} for three point pairs given as {@code {x0, y0, x1, y1, x2, y2}}.
     * The points are rounded to float32 first, as {@code np.float32} arrays passed to OpenCV are; the map is
     * solved in double.
     */
    public static Affine2 getAffineTransform(double[] src, double[] dst) {
        if (src.length != 6 || dst.length != 6) {
            throw new IllegalArgumentException("three points (6 values) each are needed");
        }
        double x0 = (float) src[0];
        double y0 = (float) src[1];
        double x1 = (float) src[2];
        double y1 = (float) src[3];
        double x2 = (float) src[4];
        double y2 = (float) src[5];
        // Solve [x y 1] * [a d; b e; c f] = [u v] for the three rows by Cramer's rule.
        double det = x0 * (y1 - y2) - y0 * (x1 - x2) + (x1 * y2 - x2 * y1);
        if (det == 0 || !Double.isFinite(det)) {
            throw new IllegalArgumentException("the three source points are collinear");
        }
        double[] row = new double[6];
        for (int k = 0; k < 2; k++) {
            double t0 = (float) dst[k];
            double t1 = (float) dst[2 + k];
            double t2 = (float) dst[4 + k];
            double a = (t0 * (y1 - y2) - y0 * (t1 - t2) + (t1 * y2 - t2 * y1)) / det;
            double b = (x0 * (t1 - t2) - t0 * (x1 - x2) + (x1 * t2 - x2 * t1)) / det;
            double c = (x0 * (y1 * t2 - y2 * t1) - y0 * (x1 * t2 - x2 * t1) + t0 * (x1 * y2 - x2 * y1)) / det;
            row[3 * k] = a;
            row[3 * k + 1] = b;
            row[3 * k + 2] = c;
        }
        return Affine2.ofRowMajor(row);
    }

    /** {@code map} with every coefficient rounded to float32 ({@code trans.astype(np.float32)}). */
    public static Affine2 toFloat32(Affine2 map) {
        double[] m = map.toRowMajor();
        for (int i = 0; i < 6; i++) {
            m[i] = (float) m[i];
        }
        return Affine2.ofRowMajor(m);
    }

    /**
     * {@code cv2.warpAffine(src, map, (width, height), flags=INTER_LINEAR, borderValue=0)}: destination pixel
     * {@code p} takes the bilinear sample of {@code src} at {@code map^-1 p}.
     *
     * @param map source pixel coordinates to destination pixel coordinates
     */
    public static FloatImage warpAffine(FloatImage src, Affine2 map, int width, int height) {
        return warp(src, map, width, height, false);
    }

    /**
     * The same warp of an 8-bit image ({@code src} holding whole numbers 0 to 255), as OpenCV computes it for
     * {@code uint8} input: fixed-point weights (the float ones times 2^15, exact) and the sum rounded to a whole
     * number ({@code (sum + 2^14) >> 15}).
     */
    public static FloatImage warpAffine8u(FloatImage src, Affine2 map, int width, int height) {
        return warp(src, map, width, height, true);
    }

    private static FloatImage warp(FloatImage src, Affine2 map, int width, int height, boolean bytes) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("output size must be positive: " + width + "x" + height);
        }
        double det = map.a() * map.e() - map.b() * map.d();
        det = det != 0 ? 1.0 / det : 0;
        double m0 = map.e() * det;
        double m4 = map.a() * det;
        double m1 = -map.b() * det;
        double m3 = -map.d() * det;
        double m2 = -m0 * map.c() - m1 * map.f();
        double m5 = -m3 * map.c() - m4 * map.f();

        int cn = src.channels();
        int sw = src.width();
        int sh = src.height();
        float[] s = src.samples();
        float[] out = new float[Math.multiplyExact(Math.multiplyExact(width, height), cn)];
        int[] adelta = new int[width];
        int[] bdelta = new int[width];
        for (int x = 0; x < width; x++) {
            adelta[x] = saturateInt(m0 * x * AB_SCALE);
            bdelta[x] = saturateInt(m3 * x * AB_SCALE);
        }
        for (int y = 0; y < height; y++) {
            int x0 = saturateInt((m1 * y + m2) * AB_SCALE) + ROUND_DELTA;
            int y0 = saturateInt((m4 * y + m5) * AB_SCALE) + ROUND_DELTA;
            for (int x = 0; x < width; x++) {
                int fxp = (x0 + adelta[x]) >> (AB_BITS - INTER_BITS);
                int fyp = (y0 + bdelta[x]) >> (AB_BITS - INTER_BITS);
                int sx = saturateShort(fxp >> INTER_BITS);
                int sy = saturateShort(fyp >> INTER_BITS);
                int w = 4 * ((fyp & (INTER_TAB_SIZE - 1)) * INTER_TAB_SIZE + (fxp & (INTER_TAB_SIZE - 1)));
                int o = (y * width + x) * cn;
                if (sx >= sw || sx + 1 < 0 || sy >= sh || sy + 1 < 0) {
                    continue;
                }
                boolean x0in = sx >= 0;
                boolean x1in = sx + 1 < sw;
                boolean y0in = sy >= 0;
                boolean y1in = sy + 1 < sh;
                int r0 = sy * sw;
                int r1 = (sy + 1) * sw;
                for (int c = 0; c < cn; c++) {
                    float v0 = x0in && y0in ? s[(r0 + sx) * cn + c] : 0f;
                    float v1 = x1in && y0in ? s[(r0 + sx + 1) * cn + c] : 0f;
                    float v2 = x0in && y1in ? s[(r1 + sx) * cn + c] : 0f;
                    float v3 = x1in && y1in ? s[(r1 + sx + 1) * cn + c] : 0f;
                    if (bytes) {
                        long sum = (long) v0 * FIXED_WEIGHTS[w] + (long) v1 * FIXED_WEIGHTS[w + 1]
                            + (long) v2 * FIXED_WEIGHTS[w + 2] + (long) v3 * FIXED_WEIGHTS[w + 3];
                        out[o + c] = Math.max(0, Math.min(255, (sum + (1 << 14)) >> 15));
                    } else {
                        out[o + c] = v0 * WEIGHTS[w] + v1 * WEIGHTS[w + 1] + v2 * WEIGHTS[w + 2] + v3 * WEIGHTS[w + 3];
                    }
                }
            }
        }
        return FloatImage.wrap(width, height, cn, out);
    }

    /** The bilinear weights times 2^15 ({@code INTER_REMAP_COEF_SCALE}): exact, as products of multiples of 1/32. */
    private static int[] fixedWeights() {
        int[] fixed = new int[WEIGHTS.length];
        for (int i = 0; i < fixed.length; i++) {
            fixed[i] = Math.round(WEIGHTS[i] * 32768f);
        }
        return fixed;
    }

    /** OpenCV's {@code saturate_cast<int>(double)}: round half to even, clamp. */
    private static int saturateInt(double v) {
        double r = Math.rint(v);
        return r >= Integer.MAX_VALUE ? Integer.MAX_VALUE : r <= Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) r;
    }

    private static int saturateShort(int v) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    /** The 32 x 32 table of 4 bilinear weights, as {@code initInterTab2D(INTER_LINEAR)} builds it in float. */
    private static float[] bilinearTable() {
        float[] tab = new float[INTER_TAB_SIZE * INTER_TAB_SIZE * 4];
        float scale = 1f / INTER_TAB_SIZE;
        for (int i = 0; i < INTER_TAB_SIZE; i++) {
            float vy1 = i * scale;
            float vy0 = 1f - vy1;
            for (int j = 0; j < INTER_TAB_SIZE; j++) {
                float vx1 = j * scale;
                float vx0 = 1f - vx1;
                int o = 4 * (i * INTER_TAB_SIZE + j);
                tab[o] = vy0 * vx0;
                tab[o + 1] = vy0 * vx1;
                tab[o + 2] = vy1 * vx0;
                tab[o + 3] = vy1 * vx1;
            }
        }
        return tab;
    }
}
