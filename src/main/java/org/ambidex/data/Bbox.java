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

    /** {@code [x, y, w, h]} in pixels, as the options and the boxes file give it (messages show it so). */
    @Override
    public String toString() {
        return "[" + number(x) + ", " + number(y) + ", " + number(width) + ", " + number(height) + "]";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** {@code [x, y, w, h]}. */
    public double[] toArray() {
        return new double[] {x, y, width, height};
    }
}
