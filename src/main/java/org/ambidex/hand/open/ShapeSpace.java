package org.ambidex.hand.open;

import java.util.SplittableRandom;

/**
 * The shape space: hands sampled from the anatomical variation of {@link HandAnatomy}, meshed with the same
 * topology, and the principal components of their vertex offsets from the template, scaled so that shape
 * coefficients are standard normal (as MANO's betas).
 */
final class ShapeSpace {

    /** Shape directions kept (MANO's count). */
    static final int DIRECTIONS = 10;

    /** A sampled hand: its mesh vertices (V*3) and its 16 rest joints, model frame. */
    record Sample(double[] vertices, double[][] joints) {
    }

    /**
     * @param shapedirs {@code V*3*10} row-major (vertex, coordinate, direction), metres per unit coefficient
     * @param variances variance of every principal component (descending), m^2 summed over coordinates
     * @param samples the sampled hands (for the joint regressor fit)
     */
    record Result(double[] shapedirs, double[] variances, Sample[] samples) {
    }

    private ShapeSpace() {
    }

    static Result build(HandAnatomy nominal, double[] template, SplittableRandom random, int count) {
        int n = template.length;
        Sample[] samples = new Sample[count];
        double[][] offsets = new double[count][];
        for (int i = 0; i < count; i++) {
            RestSkeleton skeleton = new RestSkeleton(nominal.sample(random));
            double[] v = SkinMeshBuilder.build(skeleton).vertices();
            samples[i] = new Sample(v, skeleton.jointsModelFrame());
            double[] d = new double[n];
            for (int k = 0; k < n; k++) {
                d[k] = v[k] - template[k];
            }
            offsets[i] = d;
        }
        // PCA through the small Gram matrix (count x count) rather than the 3V x 3V covariance.
        double[] gram = new double[count * count];
        for (int a = 0; a < count; a++) {
            for (int b = a; b < count; b++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += offsets[a][k] * offsets[b][k];
                }
                gram[a * count + b] = s / count;
                gram[b * count + a] = s / count;
            }
        }
        double[][] eig = DenseMath.symmetricEigen(gram, count);
        double[] shapedirs = new double[n * DIRECTIONS];
        for (int c = 0; c < DIRECTIONS; c++) {
            // Component = D^T u / sqrt(count): unit direction times the standard deviation along it.
            double[] dir = new double[n];
            for (int i = 0; i < count; i++) {
                double u = eig[1][i * count + c] / Math.sqrt(count);
                for (int k = 0; k < n; k++) {
                    dir[k] += u * offsets[i][k];
                }
            }
            // Orient each direction so that a positive coefficient makes the hand larger on average.
            double growth = 0;
            for (int k = 0; k < n; k += 3) {
                growth += dir[k] * (template[k] - RestSkeleton.WRIST[0])
                    + dir[k + 1] * (template[k + 1] - RestSkeleton.WRIST[1])
                    + dir[k + 2] * (template[k + 2] - RestSkeleton.WRIST[2]);
            }
            double sign = growth < 0 ? -1 : 1;
            for (int k = 0; k < n; k++) {
                shapedirs[k * DIRECTIONS + c] = sign * dir[k];
            }
        }
        return new Result(shapedirs, eig[0], samples);
    }
}
