package org.ambidex.fit;

import org.ambidex.geom.SquareMatrix;
import org.ambidex.hand.HandModel;
import org.ambidex.io.NdArray;

/**
 * A Gaussian prior over the 45 finger-pose values (axis-angle of joints 1..15, hand mean included) from the
 * model's pose PCA: mean {@code hands_mean}, covariance {@code C^T Sigma_c C + floor^2 I} where {@code C} is
 * {@code hands_components} (one component per row), {@code Sigma_c} the covariance of the PCA coefficients
 * (from the model's {@code hands_coeffs} when the file has them, as MANO's do; otherwise the identity, since the
 * open model scales its components to unit-variance coefficients) and {@code floor} a variance floor in radians.
 * The floor keeps directions the PCA hardly saw (some are nearly constant in the open model's sampler) from
 * becoming hard constraints. Its cost is {@code 0.5 weight d^T Sigma^-1 d}, {@code d = pose - hands_mean}.
 */
final class PcaPosePrior {

    private static final int N = HandModel.HAND_POSE_SIZE;

    private final double[] mean;
    /** weight * Sigma^-1 (45 x 45, symmetric). */
    private final double[] precision;

    PcaPosePrior(HandModel model, double weight, double floor) {
        mean = model.handsMean().toDoubleArray();
        double[] c = model.handsComponents().toDoubleArray();
        double[] coefficientCovariance = coefficientCovariance(model.extras().get("hands_coeffs"));
        // Sigma = C^T Sigma_c C + floor^2 I.
        double[] left = new double[N * N]; // C^T Sigma_c
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double sum = 0;
                for (int k = 0; k < N; k++) {
                    sum += c[k * N + i] * coefficientCovariance[k * N + j];
                }
                left[i * N + j] = sum;
            }
        }
        double[] sigma = SquareMatrix.multiply(left, c, N);
        for (int i = 0; i < N; i++) {
            sigma[i * N + i] += floor * floor;
        }
        precision = SquareMatrix.inverse(sigma, N);
        for (int i = 0; i < N * N; i++) {
            precision[i] *= weight;
        }
    }

    /** The covariance of the coefficient rows of {@code coeffs} (n, 45), or the identity when absent or unusable. */
    private static double[] coefficientCovariance(NdArray coeffs) {
        double[] identity = new double[N * N];
        for (int i = 0; i < N; i++) {
            identity[i * N + i] = 1;
        }
        if (coeffs == null || coeffs.ndim() != 2 || coeffs.dim(1) != N || coeffs.dim(0) < 2 * N) {
            return identity;
        }
        int n = coeffs.dim(0);
        double[] x = coeffs.toDoubleArray();
        double[] mu = new double[N];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < N; i++) {
                mu[i] += x[r * N + i] / n;
            }
        }
        double[] cov = new double[N * N];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < N; i++) {
                double di = x[r * N + i] - mu[i];
                for (int j = 0; j < N; j++) {
                    cov[i * N + j] += di * (x[r * N + j] - mu[j]) / (n - 1);
                }
            }
        }
        for (double v : cov) {
            if (!Double.isFinite(v)) {
                return identity;
            }
        }
        return cov;
    }

    /** The prior mean (45), shared: do not modify. */
    double[] mean() {
        return mean;
    }

    /**
     * The prior's cost at the finger pose {@code pose} (45), adding its gradient and Gauss-Newton Hessian with
     * respect to the 45 joint angles to {@code normal} when not null. {@code dPose} holds per joint the 3x3
     * derivative of the joint's axis-angle vector by its three angles (15 x 9, row-major, column = angle).
     */
    double cost(double[] pose, double[] dPose, NormalEquations normal, int firstColumn, double[] work) {
        double[] d = work;
        for (int i = 0; i < N; i++) {
            d[i] = pose[i] - mean[i];
        }
        double[] pd = new double[N];
        double cost = 0;
        for (int i = 0; i < N; i++) {
            double sum = 0;
            for (int j = 0; j < N; j++) {
                sum += precision[i * N + j] * d[j];
            }
            pd[i] = sum;
            cost += 0.5 * d[i] * sum;
        }
        if (normal == null) {
            return cost;
        }
        // Gradient D^T P d and Hessian D^T P D, D block-diagonal with 3x3 blocks.
        for (int jb = 0; jb < 15; jb++) {
            for (int a = 0; a < 3; a++) {
                double g = 0;
                for (int r = 0; r < 3; r++) {
                    g += dPose[9 * jb + 3 * r + a] * pd[3 * jb + r];
                }
                normal.addGradient(firstColumn + 3 * jb + a, g);
            }
        }
        double[] block = new double[9];
        for (int ib = 0; ib < 15; ib++) {
            for (int jb = ib; jb < 15; jb++) {
                // block = D_i^T P_ij D_j
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        double sum = 0;
                        for (int r = 0; r < 3; r++) {
                            double pr = 0;
                            for (int s = 0; s < 3; s++) {
                                pr += precision[(3 * ib + r) * N + 3 * jb + s] * dPose[9 * jb + 3 * s + b];
                            }
                            sum += dPose[9 * ib + 3 * r + a] * pr;
                        }
                        block[3 * a + b] = sum;
                    }
                }
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        int ci = firstColumn + 3 * ib + a;
                        int cj = firstColumn + 3 * jb + b;
                        if (ib == jb && b < a) {
                            continue;
                        }
                        normal.addHessian(ci, cj, block[3 * a + b]);
                    }
                }
            }
        }
        return cost;
    }
}
