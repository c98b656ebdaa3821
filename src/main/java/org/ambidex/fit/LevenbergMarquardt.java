package org.ambidex.fit;

import java.util.Arrays;

/**
 * Levenberg-Marquardt minimisation of a {@link LeastSquaresProblem} with box bounds: damped Gauss-Newton steps
 * {@code (H + mu diag(H)) step = -g} over the parameters that are free and not held at a bound by the gradient
 * (an active-set projection), Nielsen's damping update, deterministic. Not thread-safe: one instance per call.
 */
final class LevenbergMarquardt {

    /**
     * Stop when an accepted step lowers the cost by less than this fraction: the cost is in units of the landmarks'
     * expected error, so what is left to gain is far below it (on noisy landmarks 1e-10 took 50 iterations per
     * hand where this takes 29, with the same test results).
     */
    private static final double RELATIVE_DECREASE = 1e-6;
    /** Stop when no parameter moves by more than this (radians, betas, metres). */
    private static final double SMALLEST_STEP = 1e-10;
    private static final double MAX_DAMPING = 1e12;

    /** The end point, its cost and the number of normal-equation evaluations (iterations). */
    record Result(double[] x, double cost, int iterations) {
    }

    private LevenbergMarquardt() {
    }

    /**
     * Minimises from {@code start} (inside the bounds) moving only the parameters with {@code free[i]}.
     *
     * @param maxIterations the most Jacobian evaluations (the first included)
     */
    static Result minimize(LeastSquaresProblem problem, double[] start, boolean[] free, int maxIterations) {
        int n = start.length;
        NormalEquations current = new NormalEquations(n);
        NormalEquations trial = new NormalEquations(n);
        double[] x = start.clone();
        double[] candidate = new double[n];
        double[] step = new double[n];
        int[] active = new int[n];
        double[] matrix = new double[n * n];
        double[] rhs = new double[n];
        double cost = problem.evaluate(x, current);
        int iterations = 1;
        // Damping relative to diag(H) (Marquardt's scaling): a small start trusts Gauss-Newton from the outset.
        double mu = 1e-4;
        double nu = 2;
        while (iterations < maxIterations && cost > 0) {
            int m = activeSet(problem, x, free, current, active);
            if (m == 0) {
                break;
            }
            boolean accepted = false;
            boolean converged = false;
            while (!accepted && mu < MAX_DAMPING) {
                if (!dampedStep(current, active, m, mu, matrix, rhs)) {
                    mu *= nu;
                    nu *= 2;
                    continue;
                }
                Arrays.fill(step, 0);
                double predicted = 0;
                double largestMove = 0;
                for (int a = 0; a < m; a++) {
                    int i = active[a];
                    step[i] = rhs[a];
                    largestMove = Math.max(largestMove, Math.abs(rhs[a]));
                    // Predicted decrease of the damped model: 0.5 step^T (mu D step - g).
                    predicted += 0.5 * rhs[a] * (mu * diagonal(current, i) * rhs[a] - current.gradient(i));
                }
                if (largestMove < SMALLEST_STEP) {
                    converged = true;
                    break;
                }
                problem.retract(x, step, candidate);
                double candidateCost = problem.evaluate(candidate, trial);
                iterations++;
                if (candidateCost < cost) {
                    double rho = predicted > 0 ? (cost - candidateCost) / predicted : 1;
                    double decrease = cost - candidateCost;
                    System.arraycopy(candidate, 0, x, 0, n);
                    current.copyFrom(trial);
                    converged = decrease <= RELATIVE_DECREASE * cost;
                    cost = candidateCost;
                    mu *= Math.max(1.0 / 3, 1 - Math.pow(2 * rho - 1, 3));
                    nu = 2;
                    accepted = true;
                } else {
                    mu *= nu;
                    nu *= 2;
                }
                if (iterations >= maxIterations) {
                    break;
                }
            }
            if (converged || !accepted) {
                break;
            }
        }
        return new Result(x, cost, iterations);
    }

    /** Free parameters not held at a bound by a gradient pointing out of the box, into {@code active}. */
    private static int activeSet(LeastSquaresProblem problem, double[] x, boolean[] free, NormalEquations normal,
                                 int[] active) {
        Range[] bounds = problem.bounds();
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            if (!free[i]) {
                continue;
            }
            double g = normal.gradient(i);
            boolean heldLow = x[i] <= bounds[i].min() && g > 0;
            boolean heldHigh = x[i] >= bounds[i].max() && g < 0;
            if (!heldLow && !heldHigh) {
                active[m++] = i;
            }
        }
        return m;
    }

    private static double diagonal(NormalEquations normal, int i) {
        // A floor keeps a parameter with no curvature (an unobserved twist) from an unbounded step.
        return Math.max(normal.hessian(i, i), 1e-9);
    }

    /** Solves the damped system over the active parameters into {@code rhs}; false when it is not positive definite. */
    private static boolean dampedStep(NormalEquations normal, int[] active, int m, double mu, double[] matrix,
                                      double[] rhs) {
        for (int a = 0; a < m; a++) {
            int i = active[a];
            for (int b = 0; b <= a; b++) {
                matrix[a * m + b] = normal.hessian(i, active[b]);
            }
            matrix[a * m + a] += mu * diagonal(normal, i);
            rhs[a] = -normal.gradient(i);
        }
        return Cholesky.solve(matrix, rhs, m);
    }
}
