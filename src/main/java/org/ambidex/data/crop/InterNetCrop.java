package org.ambidex.data.crop;

import org.ambidex.data.Bbox;
import org.ambidex.geom.Affine2;

/**
 * InterNet's crop geometry (SEED_SPEC A.9, {@code process_bbox} and {@code gen_trans_from_patch_cv}) for a
 * 256 x 256 input.
 */
public final class InterNetCrop {

    /** InterNet's input size, pixels (width and height). */
    public static final int INPUT_SIZE = 256;

    private InterNetCrop() {
    }

    /**
     * {@code process_bbox}: the box made square about its centre (aspect ratio {@code width/height} of the input,
     * 1 for InterNet) and enlarged 1.25 times. Not clipped to the image.
     */
    public static Bbox processBbox(Bbox box, double aspectRatio) {
        double w = box.width();
        double h = box.height();
        double cx = box.x() + w / 2.0;
        double cy = box.y() + h / 2.0;
        if (w > aspectRatio * h) {
            h = w / aspectRatio;
        } else if (w < aspectRatio * h) {
            w = h * aspectRatio;
        }
        w *= 1.25;
        h *= 1.25;
        return new Bbox(cx - w / 2.0, cy - h / 2.0, w, h);
    }

    /**
     * {@code get_bbox}: the box of the valid pixel points {@code uv} ({@code [u0, v0, u1, v1, ...]}) enlarged 1.2
     * times about its centre; {@code null} when no point is valid.
     */
    public static Bbox jointBbox(double[] uv, boolean[] valid) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < valid.length; j++) {
            if (valid[j]) {
                minX = Math.min(minX, uv[2 * j]);
                maxX = Math.max(maxX, uv[2 * j]);
                minY = Math.min(minY, uv[2 * j + 1]);
                maxY = Math.max(maxY, uv[2 * j + 1]);
            }
        }
        if (minX > maxX) {
            return null;
        }
        double cx = (minX + maxX) / 2.0;
        double cy = (minY + maxY) / 2.0;
        double w = (maxX - minX) * 1.2;
        double h = (maxY - minY) * 1.2;
        return new Bbox(cx - 0.5 * w, cy - 0.5 * h, w, h);
    }

    /** {@link #processBbox(Bbox, double)} for InterNet's square input. */
    public static Bbox processBbox(Bbox box) {
        return processBbox(box, 1.0);
    }

    /**
     * {@code gen_trans_from_patch_cv}: the affine map from the source image to a {@code dstWidth x dstHeight} patch
     * showing the box of centre {@code (cx, cy)} and size {@code srcWidth x srcHeight} scaled by {@code scale} and
     * rotated by {@code rotation} degrees; with {@code inverse}, the map back (built from the swapped point pairs,
     * as the reference does, not by inverting). Intermediate points and the result are rounded to float32 as the
     * reference's NumPy arrays are.
     */
    public static Affine2 patchTransform(double cx, double cy, double srcWidth, double srcHeight, int dstWidth,
                                         int dstHeight, double scale, double rotation, boolean inverse) {
        double srcW = srcWidth * scale;
        double srcH = srcHeight * scale;
        float centreX = (float) cx;
        float centreY = (float) cy;
        double rad = Math.PI * rotation / 180;
        float[] down = rotate(0f, (float) (srcH * 0.5), rad);
        float[] right = rotate((float) (srcW * 0.5), 0f, rad);
        double[] src = {centreX, centreY, centreX + down[0], centreY + down[1], centreX + right[0], centreY + right[1]};
        float dcx = (float) (dstWidth * 0.5);
        float dcy = (float) (dstHeight * 0.5);
        double[] dst = {dcx, dcy, dcx, dcy + (float) (dstHeight * 0.5), dcx + (float) (dstWidth * 0.5), dcy};
        // float32 sums, as NumPy adds two float32 arrays
        for (int i = 0; i < 6; i++) {
            src[i] = (float) src[i];
            dst[i] = (float) dst[i];
        }
        Affine2 map = inverse ? OpenCvAffine.getAffineTransform(dst, src) : OpenCvAffine.getAffineTransform(src, dst);
        return OpenCvAffine.toFloat32(map);
    }

    /** {@code rotate_2d} on a float32 point, result rounded to float32. */
    private static float[] rotate(float x, float y, double rad) {
        double sn = Math.sin(rad);
        double cs = Math.cos(rad);
        return new float[] {(float) (x * cs - y * sn), (float) (x * sn + y * cs)};
    }
}
