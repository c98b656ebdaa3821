package org.ambidex.geom;

/**
 * The axis-aligned bounds of a set of 2-D points, in the points' units (pixels for image points).
 *
 * @param minX smallest x
 * @param minY smallest y
 * @param maxX largest x
 * @param maxY largest y
 */
public record PointBounds(double minX, double minY, double maxX, double maxY) {

    /**
     * The bounds of the points {@code [x0, y0, x1, y1, ...]}.
     *
     * @throws IllegalArgumentException when there is no point or an odd number of values
     */
    public static PointBounds of(double[] xy) {
        if (xy.length < 2 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("need points as x, y pairs, got " + xy.length + " values");
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xy.length; i += 2) {
            minX = Math.min(minX, xy[i]);
            maxX = Math.max(maxX, xy[i]);
            minY = Math.min(minY, xy[i + 1]);
            maxY = Math.max(maxY, xy[i + 1]);
        }
        return new PointBounds(minX, minY, maxX, maxY);
    }

    public double width() {
        return maxX - minX;
    }

    public double height() {
        return maxY - minY;
    }

    /** Whether these bounds and {@code other} share a point (edges included). */
    public boolean overlaps(PointBounds other) {
        return minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY;
    }

    /** {@code (minX + maxX) / 2}. */
    public double midX() {
        return (minX + maxX) / 2;
    }

    /** {@code (minY + maxY) / 2}. */
    public double midY() {
        return (minY + maxY) / 2;
    }
}
