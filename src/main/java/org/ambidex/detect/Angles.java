package org.ambidex.detect;

/** MediaPipe's angle conventions. */
final class Angles {

    private Angles() {
    }

    /** {@code a} wrapped into [-pi, pi), as MediaPipe's {@code NormalizeRadians}. */
    static double normalize(double a) {
        return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
    }

    /**
     * The rotation that turns the direction from {@code (x0, y0)} to {@code (x1, y1)} (pixels, y down) to point
     * up, as MediaPipe's {@code ComputeRotation} with a target angle of 90 degrees.
     */
    static double upright(double x0, double y0, double x1, double y1) {
        return normalize(Math.PI / 2 - Math.atan2(-(y1 - y0), x1 - x0));
    }
}
