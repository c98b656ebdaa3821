package org.ambidex.eval;

/**
 * The thresholds of a PCK curve: {@code steps} values from {@code min} to {@code max} inclusive, computed as
 * NumPy's {@code linspace} computes them ({@code min + i * (max - min) / (steps - 1)}, the last one exactly
 * {@code max}), so that "error <= threshold" decisions match the reference scripts bit for bit.
 *
 * @param min first threshold (metres for 3-D errors, pixels for 2-D)
 * @param max last threshold
 * @param steps number of thresholds, at least 2
 */
public record PckThresholds(double min, double max, int steps) {

    /** 0 to 50 mm in 200 thresholds: the RHD/Zhang {@code EvalUtil.get_measures(0, 50, 200)} default. */
    public static final PckThresholds DEFAULT = new PckThresholds(0, 0.050, 200);
    /** 0 to 50 mm in 100 thresholds, as the FreiHAND evaluation script. */
    public static final PckThresholds FREIHAND = new PckThresholds(0, 0.050, 100);

    public PckThresholds {
        if (steps < 2 || !(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("PCK thresholds need min < max and at least 2 steps, got "
                + min + ", " + max + ", " + steps);
        }
    }

    /** The threshold values. */
    public double[] values() {
        double[] t = new double[steps];
        double step = (max - min) / (steps - 1);
        for (int i = 0; i < steps; i++) {
            t[i] = i * step + min;
        }
        t[steps - 1] = max;
        return t;
    }

    /** {@code trapz(y, t) / trapz(1, t)}: the normalised area under a curve sampled at these thresholds. */
    public double normalisedArea(double[] y) {
        return normalisedArea(y, 0, steps);
    }

    /**
     * The normalised area over thresholds {@code from} (inclusive) to {@code to} (exclusive), as NumPy computes
     * {@code trapz(y[from:to], t[from:to]) / trapz(1, t[from:to])}.
     */
    public double normalisedArea(double[] y, int from, int to) {
        double[] t = values();
        if (y.length != t.length) {
            throw new IllegalArgumentException("curve has " + y.length + " values for " + t.length + " thresholds");
        }
        if (from < 0 || to > t.length || to - from < 2) {
            throw new IllegalArgumentException("an area needs at least 2 thresholds in range, got " + from + ".." + to);
        }
        double area = 0;
        double norm = 0;
        for (int i = from; i + 1 < to; i++) {
            double dt = t[i + 1] - t[i];
            area += dt * (y[i] + y[i + 1]) / 2;
            norm += dt;
        }
        return area / norm;
    }
}
