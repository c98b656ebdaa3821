package org.ambidex.render;

import java.awt.image.BufferedImage;

/**
 * Per-pixel unit surface normal in the camera frame (OpenCV: x right, y down, z forward), turned toward the
 * camera; {@code (0, 0, 0)} where no surface covers the pixel. With supersampling it is the normalised mean of
 * the covered samples' normals. Immutable.
 */
public final class NormalMap {
    private final int width;
    private final int height;
    private final float[] normals;

    NormalMap(int width, int height, float[] normals) {
        this.width = width;
        this.height = height;
        this.normals = normals;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Component {@code axis} (0 x, 1 y, 2 z) of the normal at pixel {@code (x, y)}. */
    public double at(int x, int y, int axis) {
        return normals[3 * (y * width + x) + axis];
    }

    /** All normals, row-major (H, W, 3) (a copy). */
    public float[] toArray() {
        return normals.clone();
    }

    /** The usual picture of a normal map: {@code rgb = (n + 1) / 2}, empty pixels black. */
    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < width * height; i++) {
            float x = normals[3 * i];
            float y = normals[3 * i + 1];
            float z = normals[3 * i + 2];
            if (x == 0 && y == 0 && z == 0) {
                continue;
            }
            int r = Math.round((x + 1) * 127.5f);
            int g = Math.round((y + 1) * 127.5f);
            int b = Math.round((z + 1) * 127.5f);
            img.setRGB(i % width, i / width, (r << 16) | (g << 8) | b);
        }
        return img;
    }
}
