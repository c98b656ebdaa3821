package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ambidex.tensor.Scalars;

/**
 * The cascade's joint mask (the reference's {@code register_heatmap}): the 2-D scale {@code s} and shift
 * {@code (tx, ty)} that best take a hand's previous joints {@code (x, y)} (mm) onto its heat-map argmax in the
 * least-squares sense, each joint weighted by its heat-map maximum (residuals weighted by its square), then one
 * Gaussian {@code exp(-d^2 / 3)} per registered joint on the feature level's grid, combined as
 * {@code 1 - prod(1 - g)}.
 *
 * <p>The scale and shift are constants for training, as in the reference (it detaches them); the joints'
 * positions are not, so gradients reach the previous stage through the Gaussians.
 */
public final class HeatmapRegistration {

    /** Heat-map side the argmax is expressed on. */
    static final int HEATMAP_SIZE = 64;
    /** The Gaussians' {@code 2 sigma^2}, grid cells squared. */
    static final float SPREAD = 3f;

    private HeatmapRegistration() {
    }

    /**
     * @param xyc {@code (B, 21, 3)}: argmax x, y (cells of the 64 grid) and the maximum, per joint
     * @param joints {@code (B, 21, 3)} the previous stage's joints, mm
     * @param size the feature level's side (8, 16 or 32)
     * @return {@code (B, size, size)}, rows y, columns x
     */
    static NDArray mask(NDArray xyc, NDArray joints, int size) {
        int b = Math.toIntExact(joints.getShape().get(0));
        int n = Math.toIntExact(joints.getShape().get(1));
        float[] target = xyc.toFloatArray();
        float[] j = joints.toFloatArray();
        float[] scale = new float[b];
        float[] shift = new float[2 * b];
        for (int i = 0; i < b; i++) {
            double[] st = fit(target, j, i * n * 3, n);
            scale[i] = (float) st[0];
            shift[2 * i] = (float) st[1];
            shift[2 * i + 1] = (float) st[2];
        }
        NDManager m = joints.getManager();
        float ratio = (float) size / HEATMAP_SIZE;
        NDArray xy = Scalars.mul(joints.get(":, :, 0:2").mul(m.create(scale).reshape(b, 1, 1))
            .add(m.create(shift).reshape(b, 1, 2)), ratio);
        NDArray grid = m.arange(0f, size, 1f);
        NDArray dx = xy.get(":, :, 0:1").sub(grid).expandDims(2); // (B,n,1,size)
        NDArray dy = xy.get(":, :, 1:2").sub(grid).expandDims(3); // (B,n,size,1)
        NDArray g = Scalars.div(dx.square().add(dy.square()), -SPREAD).exp();
        return g.neg().add(1f).prod(new int[] {1}).neg().add(1f);
    }

    /**
     * Solves the 3 x 3 normal equations for {@code (s, tx, ty)} of one hand: rows {@code (x_j, 1, 0)} and
     * {@code (y_j, 0, 1)} with targets the argmax, all scaled by the joint's maximum.
     *
     * @param xyc per joint {@code (u, v, weight)} from {@code offset}
     * @param joints per joint {@code (x, y, z)} from {@code offset} (z unused)
     * @param n joints
     * @return {@code (s, tx, ty)} with {@code (u, v) ~ s (x, y) + (tx, ty)}
     */
    public static double[] fit(float[] xyc, float[] joints, int offset, int n) {
        double[][] a = new double[3][3];
        double[] r = new double[3];
        for (int k = 0; k < n; k++) {
            int o = offset + 3 * k;
            double c2 = (double) xyc[o + 2] * xyc[o + 2];
            double x = joints[o];
            double y = joints[o + 1];
            double u = xyc[o];
            double v = xyc[o + 1];
            a[0][0] += c2 * (x * x + y * y);
            a[0][1] += c2 * x;
            a[0][2] += c2 * y;
            a[1][1] += c2;
            a[2][2] += c2;
            r[0] += c2 * (x * u + y * v);
            r[1] += c2 * u;
            r[2] += c2 * v;
        }
        a[1][0] = a[0][1];
        a[2][0] = a[0][2];
        return solve3(a, r);
    }

    /** Gaussian elimination with partial pivoting of a 3 x 3 system. */
    private static double[] solve3(double[][] a, double[] r) {
        double[][] m = new double[3][4];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(a[i], 0, m[i], 0, 3);
            m[i][3] = r[i];
        }
        for (int c = 0; c < 3; c++) {
            int p = c;
            for (int i = c + 1; i < 3; i++) {
                if (Math.abs(m[i][c]) > Math.abs(m[p][c])) {
                    p = i;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            for (int i = c + 1; i < 3; i++) {
                double f = m[i][c] / m[c][c];
                for (int k = c; k < 4; k++) {
                    m[i][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[3];
        for (int i = 2; i >= 0; i--) {
            double s = m[i][3];
            for (int k = i + 1; k < 3; k++) {
                s -= m[i][k] * x[k];
            }
            x[i] = s / m[i][i];
        }
        return x;
    }
}
