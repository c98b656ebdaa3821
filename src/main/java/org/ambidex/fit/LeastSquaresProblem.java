package org.ambidex.fit;

/**
 * A bounded non-linear least-squares problem for {@link LevenbergMarquardt}: a cost over n parameters with its
 * Gauss-Newton normal equations, a rule for moving the parameters by a step (which may not be plain addition,
 * e.g. for a rotation) and per-parameter bounds.
 */
interface LeastSquaresProblem {

    /**
     * The cost at {@code x}, filling {@code normal} (cleared first) with its normal equations when not null;
     * {@code +Infinity} when x is not admissible (for example a point behind the camera).
     */
    double evaluate(double[] x, NormalEquations normal);

    /** {@code out} = {@code x} moved by {@code step}, inside the bounds. */
    void retract(double[] x, double[] step, double[] out);

    /** The range of each of the n parameters ({@link Range#FREE} when unbounded). */
    Range[] bounds();
}
