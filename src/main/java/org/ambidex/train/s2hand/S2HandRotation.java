package org.ambidex.train.s2hand;

import java.util.SplittableRandom;

/**
 * S2HAND's training augmentation on FreiHAND (the reference's {@code trans_images}, {@code trans_open_2dj} and
 * {@code trans_Ks} queries of {@code examples/data/dataset.py}): the 224 x 224 image turned about its centre
 * (112, 112) by an angle drawn uniformly from [-pi, pi), the keypoints turned with it, the camera kept.
 *
 * <p>As the reference computes them: the forward matrix (a turn about the origin, then the translation that brings
 * the turned centre back, {@code handutils.get_affine_transform}) is rounded to float32; the image is resampled
 * through its float32 inverse by Pillow's {@code Image.transform(AFFINE)} with its default nearest-neighbour filter,
 * which for images this small runs in 16.16 fixed point at pixel centres and fills what falls outside with black;
 * the keypoints go through the float32 forward matrix in double precision and are truncated to whole pixels
 * ({@code transform_coords}' {@code astype(int)}). The reference's camera for the turned image differs from the
 * original by a translation of the order of 1e-14 px (its turned centre is not exactly 112 in floating point), which
 * is left out here. The scale jitter in the same code is commented out in the reference and is not applied.
 * The angle comes from the sample's own seeded stream, not NumPy's global generator, so runs resume exactly.
 */
public final class S2HandRotation {

    /** The image side, pixels. */
    static final int SIDE = 224;
    private static final double CENTRE = SIDE / 2.0;

    private S2HandRotation() {
    }

    /** {@code example} turned by an angle drawn from the stream seeded by {@code seed}. */
    public static S2HandExample augmented(S2HandExample example, long seed) {
        double angle = new SplittableRandom(seed).nextDouble(-Math.PI, Math.PI);
        return turned(example, angle);
    }

    /** {@code example} turned by {@code angle} radians (counter-clockwise in the reference's matrix convention). */
    static S2HandExample turned(S2HandExample example, double angle) {
        float[] forward = forward(angle);
        float[] inverse = inverse(forward);
        float[] chw = resampled(example.chw(), inverse);
        double[] kp = example.keypoints();
        double[] out = new double[kp.length];
        for (int j = 0; j < kp.length / 2; j++) {
            // float32 keypoints, as the reference's tensor holds them; astype(int) truncates toward zero
            double x = (float) kp[2 * j];
            double y = (float) kp[2 * j + 1];
            out[2 * j] = (int) ((double) forward[0] * x + (double) forward[1] * y + (double) forward[2]);
            out[2 * j + 1] = (int) ((double) forward[3] * x + (double) forward[4] * y + (double) forward[5]);
        }
        return new S2HandExample(chw, example.intrinsics(), out, example.confidences());
    }

    /**
     * The forward matrix's first two rows {@code [a, b, c, d, e, f]} (x' = a x + b y + c, y' = d x + e y + f) as
     * {@code get_affine_transform} builds it in double precision, rounded to float32.
     */
    static float[] forward(double angle) {
        double s = Math.sin(angle);
        double c = Math.cos(angle);
        // the turned centre, then the translation res * (-centre / scale + 0.5) that takes it back to the middle
        double cx = c * CENTRE + -s * CENTRE;
        double cy = s * CENTRE + c * CENTRE;
        double tx = SIDE * (-cx / SIDE + 0.5);
        double ty = SIDE * (-cy / SIDE + 0.5);
        return new float[] {(float) c, (float) -s, (float) tx, (float) s, (float) c, (float) ty};
    }

    /** The inverse of a float32 turn-and-translate matrix, in float32. */
    static float[] inverse(float[] m) {
        float a = m[0];
        float b = m[1];
        float c = m[2];
        float d = m[3];
        float e = m[4];
        float f = m[5];
        float det = a * e - b * d;
        float ia = e / det;
        float ib = -b / det;
        float id = -d / det;
        float ie = a / det;
        float ic = -(ia * c + ib * f);
        float iff = -(id * c + ie * f);
        return new float[] {ia, ib, ic, id, ie, iff};
    }

    /**
     * Pillow's nearest-neighbour affine resampling of a planar 3 x 224 x 224 image through {@code inverse} (output
     * pixel to input position), as {@code affine_fixed} does it: coefficients in 16.16 fixed point, the position of
     * each output pixel's centre accumulated along the row, the input pixel the one the position falls in, black
     * outside.
     */
    static float[] resampled(float[] chw, float[] inverse) {
        int a0 = fix(inverse[0]);
        int a1 = fix(inverse[1]);
        int a3 = fix(inverse[3]);
        int a4 = fix(inverse[4]);
        int a2 = fix((double) inverse[2] + (double) inverse[0] * 0.5 + (double) inverse[1] * 0.5);
        int a5 = fix((double) inverse[5] + (double) inverse[3] * 0.5 + (double) inverse[4] * 0.5);
        int plane = SIDE * SIDE;
        float[] out = new float[chw.length];
        for (int y = 0; y < SIDE; y++) {
            int xx = a2;
            int yy = a5;
            for (int x = 0; x < SIDE; x++) {
                int xin = xx >> 16;
                int yin = yy >> 16;
                if (xin >= 0 && xin < SIDE && yin >= 0 && yin < SIDE) {
                    for (int ch = 0; ch < 3; ch++) {
                        out[ch * plane + y * SIDE + x] = chw[ch * plane + yin * SIDE + xin];
                    }
                }
                xx += a0;
                yy += a3;
            }
            a2 += a1;
            a5 += a4;
        }
        return out;
    }

    /** Pillow's {@code FIX}: 16.16 fixed point, rounded half up (floor of v * 65536 + 0.5). */
    private static int fix(double v) {
        return (int) Math.floor(v * 65536.0 + 0.5);
    }
}
