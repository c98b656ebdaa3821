package org.ambidex.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SquareMatrixTest {

    @Test
    void inverseTimesMatrixIsIdentity() {
        Random random = new Random(5);
        int n = 45;
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
        double[] inv = SquareMatrix.inverse(a, n);
        assertThat(maxDeviationFromIdentity(SquareMatrix.multiply(a, inv, n), n)).isLessThan(1e-11);
        assertThat(maxDeviationFromIdentity(SquareMatrix.multiply(inv, a, n), n)).isLessThan(1e-11);
    }

    @Test
    void pivotingHandlesAZeroLeadingEntry() {
        double[] a = {0, 1, 0, 1, 0, 0, 0, 0, 2};
        double[] inv = SquareMatrix.inverse(a, 3);
        assertThat(inv).containsExactly(0, 1, 0, 1, 0, 0, 0, 0, 0.5);
    }

    @Test
    void singularAndNonFiniteMatricesAreRefused() {
        assertThatThrownBy(() -> SquareMatrix.inverse(new double[] {1, 2, 2, 4}, 2))
            .isInstanceOf(ArithmeticException.class).hasMessageContaining("singular");
        assertThatThrownBy(() -> SquareMatrix.inverse(new double[] {1, Double.NaN, 0, 1}, 2))
            .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> SquareMatrix.inverse(new double[] {1, 2, 3}, 2))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowTimesIsTheVectorMatrixProduct() {
        double[] a = {1, 2, 3, 4};
        assertThat(SquareMatrix.rowTimes(new double[] {1, 10}, a, 2)).containsExactly(31, 42);
    }

    private static double maxDeviationFromIdentity(double[] m, int n) {
        double d = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d = Math.max(d, Math.abs(m[i * n + j] - (i == j ? 1 : 0)));
            }
        }
        return d;
    }
}
