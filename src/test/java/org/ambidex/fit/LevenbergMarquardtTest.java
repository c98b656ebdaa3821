package org.ambidex.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The solver on small problems with known minima, with and without an active bound. */
class LevenbergMarquardtTest {

    /** Rosenbrock's function as residuals (10 (y - x^2), 1 - x), optionally with x bounded above. */
    private static final class Rosenbrock implements LeastSquaresProblem {
        private final double xMax;

        Rosenbrock(double xMax) {
            this.xMax = xMax;
        }

        @Override
        public double evaluate(double[] p, NormalEquations normal) {
            double r0 = 10 * (p[1] - p[0] * p[0]);
            double r1 = 1 - p[0];
            if (normal != null) {
                normal.clear();
                normal.addRows(new double[] {-20 * p[0], 10, -1, 0}, 2, new int[] {0, 1}, 2, new double[] {r0, r1}, 1);
            }
            return 0.5 * (r0 * r0 + r1 * r1);
        }

        @Override
        public void retract(double[] x, double[] step, double[] out) {
            out[0] = Math.min(xMax, x[0] + step[0]);
            out[1] = x[1] + step[1];
        }

        @Override
        public Range[] bounds() {
            return new Range[] {new Range(Double.NEGATIVE_INFINITY, xMax), Range.FREE};
        }
    }

    @Test
    void findsTheUnboundedMinimum() {
        LevenbergMarquardt.Result result = LevenbergMarquardt.minimize(new Rosenbrock(Double.POSITIVE_INFINITY),
            new double[] {-1.2, 1}, new boolean[] {true, true}, 200);
        assertThat(result.x()[0]).isCloseTo(1, within(1e-8));
        assertThat(result.x()[1]).isCloseTo(1, within(1e-8));
        assertThat(result.cost()).isLessThan(1e-16);
    }

    @Test
    void stopsAtAnActiveBound() {
        // With x <= 0.5 the minimum lies on the bound, at y = x^2 = 0.25.
        LevenbergMarquardt.Result result = LevenbergMarquardt.minimize(new Rosenbrock(0.5), new double[] {-1.2, 1},
            new boolean[] {true, true}, 200);
        assertThat(result.x()[0]).isEqualTo(0.5);
        assertThat(result.x()[1]).isCloseTo(0.25, within(1e-8));
    }

    @Test
    void leavesFixedParametersAlone() {
        LevenbergMarquardt.Result result = LevenbergMarquardt.minimize(new Rosenbrock(Double.POSITIVE_INFINITY),
            new double[] {0.3, 1}, new boolean[] {true, false}, 200);
        assertThat(result.x()[1]).isEqualTo(1);
        assertThat(result.iterations()).isLessThanOrEqualTo(200);
    }
}
