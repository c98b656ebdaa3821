package org.ambidex;

import java.awt.image.BufferedImage;

/** Test images from planar RGB floats, the networks' input layout. */
public final class PlanarImages {

    private PlanarImages() {
    }

    /**
     * Image {@code index} of {@code chw} ({@code N x 3 x side x side} floats in [0, 1], image after image) as an
     * 8-bit RGB picture, each sample rounded to the nearest of 0..255.
     */
    public static BufferedImage rgb(float[] chw, int index, int side) {
        int n = side * side;
        int base = index * 3 * n;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < n; i++) {
            int r = Math.round(chw[base + i] * 255);
            int g = Math.round(chw[base + n + i] * 255);
            int b = Math.round(chw[base + 2 * n + i] * 255);
            image.setRGB(i % side, i / side, (r << 16) | (g << 8) | b);
        }
        return image;
    }
}
