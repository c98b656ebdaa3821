package org.ambidex.render;

import java.awt.image.BufferedImage;

/**
 * Per-pixel camera depth (z in the OpenCV camera frame, metres) of the nearest surface; {@code +inf} where no
 * surface covers the pixel. With supersampling it is the nearest of the pixel's covered samples. Immutable.
 */
public final class DepthMap {
    private final int width;
    private final int height;
    private final double[] depth;

    DepthMap(int width, int height, double[] depth) {
        this.width = width;
        this.height = height;
        this.depth = depth;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Depth at pixel {@code (x, y)}, metres, or {@code +inf}. */
    public double at(int x, int y) {
        return depth[y * width + x];
    }

    /** All depths, row-major (H, W), metres (a copy). */
    public double[] toArray() {
        return depth.clone();
    }

    /**
     * A grey picture of the depth: nearest surface white, farthest dark grey, empty pixels black (for looking
     * at, not for measuring).
     */
    public BufferedImage toImage() {
        double near = Double.POSITIVE_INFINITY;
        double far = Double.NEGATIVE_INFINITY;
        for (double d : depth) {
            if (d != Double.POSITIVE_INFINITY) {
                near = Math.min(near, d);
                far = Math.max(far, d);
            }
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double span = far > near ? far - near : 1;
        for (int i = 0; i < depth.length; i++) {
            if (depth[i] != Double.POSITIVE_INFINITY) {
                int g = (int) Math.round(255 - 191 * (depth[i] - near) / span);
                img.setRGB(i % width, i / width, (g << 16) | (g << 8) | g);
            }
        }
        return img;
    }
}
