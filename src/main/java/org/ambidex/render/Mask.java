package org.ambidex.render;

import java.awt.image.BufferedImage;

/**
 * The silhouette of one mesh: per pixel, how many of its {@code s x s} samples show that mesh (in front of
 * every other mesh). A pixel belongs to the mask when at least half of its samples do; with
 * {@code s = 1}, when its centre does. Immutable.
 */
public final class Mask {
    private final int width;
    private final int height;
    private final int samplesPerPixel;
    private final short[] counts;

    Mask(int width, int height, int samplesPerPixel, short[] counts) {
        this.width = width;
        this.height = height;
        this.samplesPerPixel = samplesPerPixel;
        this.counts = counts;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Whether pixel {@code (x, y)} belongs to the silhouette (at least half of its samples). */
    public boolean contains(int x, int y) {
        return 2 * counts[y * width + x] >= samplesPerPixel;
    }

    /** Fraction of pixel {@code (x, y)}'s samples that show the mesh, 0..1. */
    public double coverage(int x, int y) {
        return counts[y * width + x] / (double) samplesPerPixel;
    }

    /** Number of pixels in the silhouette. */
    public long area() {
        long n = 0;
        for (short c : counts) {
            if (2 * c >= samplesPerPixel) {
                n++;
            }
        }
        return n;
    }

    /** The silhouette's area in pixels measured by its samples (sum of coverage; sub-pixel accurate). */
    public double coveredArea() {
        long n = 0;
        for (short c : counts) {
            n += c;
        }
        return n / (double) samplesPerPixel;
    }

    /** The mask as a black-and-white picture (white inside). */
    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.getRaster().setSample(x, y, 0, contains(x, y) ? 255 : 0);
            }
        }
        return img;
    }
}
