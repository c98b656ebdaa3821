package org.ambidex.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.ambidex.core.MemoryBudget;
import org.ambidex.geom.Intrinsics;

/**
 * The size a picture drawn over a photo is made at: the photo's own, or smaller when the photo has more pixels
 * than a picture may ({@link #MAX_PIXELS}) or than the heap's share for pictures holds at the renderer's bytes per
 * pixel. A 48-megapixel phone photo then gives a 16-megapixel overlay instead of an out-of-memory error; the
 * reconstruction itself (JSON, meshes) is always in the photo's pixels.
 *
 * <p>Scaling maps pixel centres as {@code u' = (u + 1/2) s - 1/2} (centres at integers, OpenCV's convention).
 *
 * @param width the picture's width, pixels
 * @param height the picture's height, pixels
 * @param scale picture pixels per photo pixel (1 when not reduced)
 */
public record PictureSize(int width, int height, double scale) {

    /** The most pixels a picture is drawn with, whatever the heap (16.8 megapixels, 4096 x 4096). */
    public static final long MAX_PIXELS = 1L << 24;
    /** The share of the heap a picture and its rendering may take. */
    public static final double HEAP_SHARE = 0.4;

    /** The size of a picture over a {@code width x height} photo with {@code meshes} meshes at {@code supersampling}. */
    public static PictureSize over(int width, int height, int supersampling, int meshes, MemoryBudget budget) {
        long pixels = (long) width * height;
        long fits = Math.min(MAX_PIXELS, budget.units(HEAP_SHARE, Renderer.bytesPerPixel(supersampling, meshes) + 4));
        if (pixels <= fits) {
            return new PictureSize(width, height, 1);
        }
        double scale = Math.sqrt(fits / (double) pixels);
        return new PictureSize(Math.max(1, (int) (width * scale)), Math.max(1, (int) (height * scale)), scale);
    }

    /** Whether the picture is smaller than the photo. */
    public boolean reduced() {
        return scale != 1;
    }

    /** A photo pixel coordinate in picture pixels. */
    public double map(double photoCoordinate) {
        return (photoCoordinate + 0.5) * scale - 0.5;
    }

    /** The photo's intrinsics for the picture. */
    public Intrinsics intrinsics(Intrinsics photo) {
        return photo.scaledAndShifted(scale, 0.5 * scale - 0.5, 0.5 * scale - 0.5);
    }

    /** A new RGB copy of {@code photo} at this size (bilinear when reduced); the photo is not modified. */
    public BufferedImage copy(BufferedImage photo) {
        return resized(photo, width, height);
    }

    /** {@code photo} drawn into a new {@code w x h} RGB image, bilinear. */
    static BufferedImage resized(BufferedImage photo, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(photo, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
