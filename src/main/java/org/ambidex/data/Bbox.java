package org.ambidex.data;

/**
 * An axis-aligned box in image pixels, COCO convention: top-left corner {@code (x, y)}, width and height.
 *
 * @param x left edge, pixels
 * @param y top edge, pixels
 * @param width width, pixels
 * @param height height, pixels
 */
public record Bbox(double x, double y, double width, double height) {

    public double centreX() {
        return x + width / 2.0;
    }

    public double centreY() {
        return y + height / 2.0;
    }

    /** {@code [x, y, w, h]}. */
    public double[] toArray() {
        return new double[] {x, y, width, height};
    }
}
