package org.ambidex.fit;

/**
 * A closed interval {@code [min, max]} of one parameter: a joint angle's limits (radians), a beta's bound, or the
 * whole line for a free parameter.
 */
record Range(double min, double max) {

    static final Range FREE = new Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    Range {
        if (!(min <= max)) {
            throw new IllegalArgumentException("a range needs min <= max, got [" + min + ", " + max + "]");
        }
    }

    /** {@code v} moved into the range. */
    double clamp(double v) {
        return Math.max(min, Math.min(max, v));
    }

    /** The point a fraction {@code f} of the way from min to max. */
    double at(double f) {
        return min + f * (max - min);
    }
}
