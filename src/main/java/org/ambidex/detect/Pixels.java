package org.ambidex.detect;

import java.awt.image.BufferedImage;
import org.ambidex.data.crop.FloatImage;

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
        FloatImage rgb = FloatImage.ofRgb(image);
        return new Pixels(rgb.width(), rgb.height(), rgb.toArray());
    }
}
