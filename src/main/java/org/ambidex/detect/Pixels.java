package org.ambidex.detect;

import java.awt.image.BufferedImage;

/** The RGB samples of one photo, 0..255, HWC, read once and shared by every crop cut from it. */
final class Pixels {

    final int width;
    final int height;
    final float[] hwc;

    private Pixels(int width, int height, float[] hwc) {
        this.width = width;
        this.height = height;
        this.hwc = hwc;
    }

    /** The samples of {@code image} (any type; alpha dropped). */
    static Pixels of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] d = new float[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int o = 3 * (y * w + x);
                d[o] = (p >> 16) & 0xFF;
                d[o + 1] = (p >> 8) & 0xFF;
                d[o + 2] = p & 0xFF;
            }
        }
        return new Pixels(w, h, d);
    }
}
