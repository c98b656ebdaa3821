package org.ambidex.eval;

/** Shape and value checks of packed point arrays. */
final class Checks {

    private Checks() {
    }

    /** Checks a packed n x 3 array ({@code n = expected} unless negative, then any n >= 1) of finite values. */
    static void points(double[] points, int expected, String what) {
        if (points == null) {
            throw new IllegalArgumentException(what + " are missing");
        }
        if (points.length == 0 || points.length % 3 != 0
            || (expected >= 0 && points.length != 3 * expected)) {
            throw new IllegalArgumentException(what + ": expected " + (expected >= 0 ? expected : "n") + " x 3 values, got "
                + points.length);
        }
        finite(points, what);
    }

    static void finite(double[] values, String what) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " contain a non-finite value (" + v + ")");
            }
        }
    }
}
