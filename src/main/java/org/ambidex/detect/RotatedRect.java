package org.ambidex.detect;

/**
 * A rectangle of the image turned about its centre: the region a network input is cut from. Pixels of the
 * original image (pixel centres at integers), y down; a positive rotation turns the rectangle's "up" clockwise on
 * screen, as MediaPipe's {@code NormalizedRect.rotation}.
 *
 * @param centreX centre x, pixels
 * @param centreY centre y, pixels
 * @param width side along the rectangle's own x axis, pixels
 * @param height side along its own y axis, pixels
 * @param rotation radians, in [-pi, pi)
 */
public record RotatedRect(double centreX, double centreY, double width, double height, double rotation) {

    public RotatedRect {
        if (!(width > 0 && height > 0) || !Double.isFinite(centreX) || !Double.isFinite(centreY)
            || !Double.isFinite(width) || !Double.isFinite(height) || !Double.isFinite(rotation)) {
            throw new IllegalArgumentException("a region needs a finite centre, positive sides and a finite rotation: "
                + centreX + ", " + centreY + ", " + width + " x " + height + ", " + rotation);
        }
    }

    /** The unrotated square of side {@code side} centred at {@code (x, y)}. */
    public static RotatedRect square(double x, double y, double side) {
        return new RotatedRect(x, y, side, side, 0);
    }

    /**
     * The smallest unrotated square holding the whole {@code width x height} image (MediaPipe's letterbox). As in
     * MediaPipe, the image spans {@code [0, width]} for regions (its normalised coordinates times its size), so
     * the square is centred at {@code (width / 2, height / 2)} and an input pixel {@code u} of {@code n} samples the
     * image at {@code u * side / n}.
     */
    public static RotatedRect letterbox(int width, int height) {
        return square(width / 2.0, height / 2.0, Math.max(width, height));
    }

    /**
     * The image point of the normalised region coordinates {@code (s, t)} in [0, 1] (0 at the region's left/top
     * edge): {@code centre + R(rotation) ((s - 0.5) width, (t - 0.5) height)}.
     */
    public double[] toImage(double s, double t) {
        double dx = (s - 0.5) * width;
        double dy = (t - 0.5) * height;
        double c = Math.cos(rotation);
        double n = Math.sin(rotation);
        return new double[] {centreX + c * dx - n * dy, centreY + n * dx + c * dy};
    }

    /** The normalised region coordinates of the image point {@code (x, y)} (inverse of {@link #toImage}). */
    public double[] toRegion(double x, double y) {
        double dx = x - centreX;
        double dy = y - centreY;
        double c = Math.cos(rotation);
        double n = Math.sin(rotation);
        return new double[] {(c * dx + n * dy) / width + 0.5, (-n * dx + c * dy) / height + 0.5};
    }

    /** This region with its longer side on both axes (MediaPipe's {@code square_long}). */
    public RotatedRect squareLong() {
        double side = Math.max(width, height);
        return new RotatedRect(centreX, centreY, side, side, rotation);
    }

    /** This region scaled by {@code factor} about its centre. */
    public RotatedRect scaled(double factor) {
        return new RotatedRect(centreX, centreY, width * factor, height * factor, rotation);
    }

    /** This region turned by a further {@code radians}. */
    public RotatedRect turned(double radians) {
        return new RotatedRect(centreX, centreY, width, height, Angles.normalize(rotation + radians));
    }
}
