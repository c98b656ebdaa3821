package org.ambidex.data.crop;

import org.ambidex.geom.Affine2;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.PointBounds;

/**
 * IntagHand's crop ({@code cut_img}, SEED_SPEC A.11), used by IntagHand, DIR and Im2Hands: the square about the
 * projected vertices of both hands with side {@code max extent / 0.8}, scaled to 256 x 256, without rotation.
 *
 * @param map original pixels to crop pixels: {@code s [[1, 0, L - mid_x], [0, 1, L - mid_y]]}
 * @param scale {@code s = 256 / (2 L)}
 * @param intrinsics the camera intrinsics of the crop ({@code fx s}, {@code fy s}, {@code cx s + M[0,2]},
 *     {@code cy s + M[1,2]})
 */
public record IntagHandCrop(Affine2 map, double scale, Intrinsics intrinsics) {

    /** {@code HAND_BBOX_RATIO}: the vertices' extent is 0.8 of the crop side. */
    public static final double HAND_BBOX_RATIO = 0.8;
    /** {@code IMG_SIZE}. */
    public static final int IMG_SIZE = 256;

    /**
     * The crop for pixel points {@code uv} ({@code [u0, v0, u1, v1, ...]}: the projected vertices of both hands)
     * seen by a camera with intrinsics {@code k}.
     */
    public static IntagHandCrop of(double[] uv, Intrinsics k) {
        PointBounds b = PointBounds.of(uv);
        double midX = b.midX();
        double midY = b.midY();
        double half = Math.max(b.width(), b.height()) / 2 / HAND_BBOX_RATIO;
        if (!(half > 0) || !Double.isFinite(half)) {
            throw new IllegalArgumentException("the points span no area; cannot crop about them");
        }
        double s = IMG_SIZE / (2 * half);
        Affine2 m = new Affine2(s, 0, s * (half - midX), 0, s, s * (half - midY));
        return new IntagHandCrop(m, s, k.scaledAndShifted(s, m.c(), m.f()));
    }

    /**
     * The 256 x 256 crop of the 8-bit {@code image} (bilinear, zero border), in OpenCV's fixed-point arithmetic as
     * the reference's {@code cv.warpAffine} on a {@code uint8} image computes it.
     *
     * @throws IllegalArgumentException when a sample is not a whole number in 0..255
     */
    public FloatImage apply(FloatImage image) {
        return OpenCvFixedPointWarp.warpAffine(image, map, IMG_SIZE, IMG_SIZE);
    }

    /** Crop pixels back to original pixels. */
    public Affine2 inverse() {
        return map.inverse();
    }
}
