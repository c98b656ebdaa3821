package org.ambidex.io.mesh;

import java.math.BigDecimal;

/** Number text for mesh files: the shortest decimal that parses back to exactly the same value. */
final class Decimal {

    private Decimal() {
    }

    /**
     * The shortest round-tripping decimal of {@code v} without an exponent (some OBJ/PLY readers do not
     * accept one), keeping the sign of negative zero.
     */
    static String of(double v) {
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        String s = Double.toString(v);
        return s.indexOf('E') < 0 ? trim(s) : trim(new BigDecimal(s).toPlainString());
    }

    /** As {@link #of(double)} for a single-precision value. */
    static String of(float v) {
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        String s = Float.toString(v);
        return s.indexOf('E') < 0 ? trim(s) : trim(new BigDecimal(s).toPlainString());
    }

    private static String trim(String s) {
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
