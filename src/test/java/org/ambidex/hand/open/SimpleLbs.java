package org.ambidex.hand.open;

/**
 * The MANO forward pass (SEED_SPEC D.2) in plain Java, for testing the open model's geometry before the
 * project's {@code HandLayer} is available: shape blend, joint regression, pose blend over {@code R - I},
 * forward kinematics and linear blend skinning. Global rotation pivots about joint 0; no translation.
 */
final class SimpleLbs {

    /** Posed vertices (V*3), posed joints (16*3) and each joint's global rotation (16 x 9). */
    record Output(double[] vertices, double[] joints, double[][] rotations) {
    }

    private SimpleLbs() {
    }

    /** @param pose 48 axis-angle values (global + 15 joints) */
    static Output forward(OpenHandModelData m, double[] betas, double[] pose) {
        int v = m.vertexCount();
        double[] shaped = m.vTemplate().clone();
        for (int i = 0; i < 3 * v; i++) {
            for (int l = 0; l < 10; l++) {
                shaped[i] += m.shapedirs()[i * 10 + l] * betas[l];
            }
        }
        double[][] j = new double[16][3];
        for (int k = 0; k < 16; k++) {
            for (int i = 0; i < v; i++) {
                double w = m.jRegressor()[k * v + i];
                if (w != 0) {
                    for (int c = 0; c < 3; c++) {
                        j[k][c] += w * shaped[3 * i + c];
                    }
                }
            }
        }
        double[][] r = new double[16][];
        for (int k = 0; k < 16; k++) {
            r[k] = RotationArrays.fromAxisAngle(new double[] {pose[3 * k], pose[3 * k + 1], pose[3 * k + 2]});
        }
        double[] posed = shaped.clone();
        double[] feature = new double[135];
        for (int k = 1; k < 16; k++) {
            for (int e = 0; e < 9; e++) {
                feature[9 * (k - 1) + e] = r[k][e] - (e % 4 == 0 ? 1 : 0);
            }
        }
        for (int i = 0; i < 3 * v; i++) {
            double s = 0;
            for (int q = 0; q < 135; q++) {
                s += m.posedirs()[i * 135 + q] * feature[q];
            }
            posed[i] += s;
        }
        double[][] gr = new double[16][];
        double[][] gt = new double[16][];
        long[] parents = m.parents();
        for (int k = 0; k < 16; k++) {
            if (parents[k] < 0) {
                gr[k] = r[k];
                gt[k] = j[k].clone();
            } else {
                int p = (int) parents[k];
                gr[k] = RotationArrays.multiply(gr[p], r[k]);
                gt[k] = Vec3Arrays.add(gt[p], apply(gr[p], Vec3Arrays.sub(j[k], j[p])));
            }
        }
        double[][] at = new double[16][];
        for (int k = 0; k < 16; k++) {
            at[k] = Vec3Arrays.sub(gt[k], apply(gr[k], j[k]));
        }
        double[] out = new double[3 * v];
        for (int i = 0; i < v; i++) {
            double[] x = {posed[3 * i], posed[3 * i + 1], posed[3 * i + 2]};
            double[] sum = new double[3];
            for (int k = 0; k < 16; k++) {
                double w = m.weights()[i * 16 + k];
                if (w != 0) {
                    sum = Vec3Arrays.axpy(sum, w, Vec3Arrays.add(apply(gr[k], x), at[k]));
                }
            }
            System.arraycopy(sum, 0, out, 3 * i, 3);
        }
        double[] joints = new double[48];
        for (int k = 0; k < 16; k++) {
            System.arraycopy(gt[k], 0, joints, 3 * k, 3);
        }
        return new Output(out, joints, gr);
    }

    static double[] apply(double[] r, double[] x) {
        return new double[] {r[0] * x[0] + r[1] * x[1] + r[2] * x[2], r[3] * x[0] + r[4] * x[1] + r[5] * x[2],
            r[6] * x[0] + r[7] * x[1] + r[8] * x[2]};
    }
}
