package org.ambidex.data.crop;

import java.util.SplittableRandom;
import org.ambidex.data.Bbox;
import org.ambidex.geom.Affine2;
import org.ambidex.geom.Intrinsics;

/**
 * A square region of an image, resampled to a square network input without rotation: the crop the two-hand
 * network is trained and run on. Centre and side are in original-image pixels.
 *
 * @param centreX centre column, pixels
 * @param centreY centre row, pixels
 * @param side side length, pixels (positive)
 */
public record SquareCrop(double centreX, double centreY, double side) {

    /** How much larger than the box's longer side the crop is (margin for hands near the box's edge). */
    public static final double BOX_ENLARGEMENT = 1.25;

    public SquareCrop {
        if (!(side > 0) || !Double.isFinite(side) || !Double.isFinite(centreX) || !Double.isFinite(centreY)) {
            throw new IllegalArgumentException("a crop needs a finite centre and a positive side, got (" + centreX
                + ", " + centreY + ") side " + side);
        }
    }

    /** The square about {@code box}'s centre with side {@link #BOX_ENLARGEMENT} times its longer side. */
    public static SquareCrop around(Bbox box) {
        return new SquareCrop(box.centreX(), box.centreY(), Math.max(box.width(), box.height()) * BOX_ENLARGEMENT);
    }

    /** The whole image, padded to a square about its centre. */
    public static SquareCrop wholeImage(int width, int height) {
        return new SquareCrop(width / 2.0, height / 2.0, Math.max(width, height));
    }

    /**
     * This crop scaled by a factor uniform in {@code [1 - scale, 1 + scale]} and moved by up to {@code shift}
     * times its side along each axis (uniform), drawn from {@code random}.
     */
    public SquareCrop jittered(SplittableRandom random, double scale, double shift) {
        double s = 1 + scale * (2 * random.nextDouble() - 1);
        double dx = shift * side * (2 * random.nextDouble() - 1);
        double dy = shift * side * (2 * random.nextDouble() - 1);
        return new SquareCrop(centreX + dx, centreY + dy, side * s);
    }

    /** Original pixels to the pixels of a {@code size x size} input. */
    public Affine2 toInput(int size) {
        double s = size / side;
        return new Affine2(s, 0, s * (side / 2 - centreX), 0, s, s * (side / 2 - centreY));
    }

    /** The intrinsics of the {@code size x size} input for a camera {@code k} of the original image. */
    public Intrinsics inputIntrinsics(Intrinsics k, int size) {
        double s = size / side;
        Affine2 m = toInput(size);
        return k.scaledAndShifted(s, m.c(), m.f());
    }

    /** The {@code size x size} input cut from {@code image} (bilinear, zero outside the image). */
    public FloatImage apply(FloatImage image, int size) {
        return OpenCvAffine.warpAffine(image, toInput(size), size, size);
    }
}
