package org.ambidex.hand.open;

/**
 * The joint regressor: each joint as an affine combination (weights summing to 1) of the skin vertices
 * around it, fitted by least squares so that it reproduces the designed joint centres on the template
 * (weighted heavily) and on every sampled hand of the shape space, regularised towards equal weights.
 */
final class JointRegressorFit {

    /** Radius (m) around each MANO joint within which vertices may take part. */
    private static final double[] RADIUS = {0.032, 0.015, 0.012, 0.011, 0.015, 0.012, 0.011, 0.014, 0.011, 0.010,
        0.015, 0.012, 0.011, 0.030, 0.015, 0.012};
    private static final double TEMPLATE_WEIGHT = 200;
    private static final double RIDGE = 1e-7;

    private JointRegressorFit() {
    }

    /** The regressor as {@code 16*V} row-major; every row sums to 1. */
    static double[] fit(SkinMesh template, double[][] restJoints, ShapeSpace.Sample[] samples) {
        int n = template.vertexCount();
        double[] out = new double[16 * n];
        double[] tv = template.vertices();
        for (int j = 0; j < 16; j++) {
            int[] cand = candidates(template, restJoints[j], j);
            int m = cand.length;
            double[] h = new double[(m + 1) * (m + 1)];
            double[] g = new double[m + 1];
            accumulate(h, m, cand, tv, restJoints[j], TEMPLATE_WEIGHT);
            for (ShapeSpace.Sample s : samples) {
                accumulate(h, m, cand, s.vertices(), s.joints()[j], 1);
            }
            double scale = 0;
            for (int i = 0; i < m; i++) {
                scale += h[i * (m + 1) + i] / m;
            }
            for (int i = 0; i < m; i++) {
                h[i * (m + 1) + i] += RIDGE * scale;
                g[i] = RIDGE * scale / m;
                h[i * (m + 1) + m] = 1;
                h[m * (m + 1) + i] = 1;
            }
            g[m] = 1;
            double[] w = DenseMath.solve(h, g, m + 1);
            for (int i = 0; i < m; i++) {
                out[j * n + cand[i]] = w[i];
            }
        }
        return out;
    }

    /** Adds {@code weight * X^T X} of the offsets of the candidates from the target joint. */
    private static void accumulate(double[] h, int m, int[] cand, double[] vertices, double[] joint, double weight) {
        double[][] x = new double[m][3];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < 3; c++) {
                x[i][c] = vertices[3 * cand[i] + c] - joint[c];
            }
        }
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                h[a * (m + 1) + b] += weight * Vec3Arrays.dot(x[a], x[b]);
            }
        }
    }

    /** Vertices near joint {@code j} that hang on the joint's own digit (the palm for the wrist). */
    private static int[] candidates(SkinMesh mesh, double[] joint, int j) {
        int digit = PosePrior.DIGIT_OF_JOINT[j];
        double[] v = mesh.vertices();
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < mesh.vertexCount(); i++) {
            double[] p = {v[3 * i], v[3 * i + 1], v[3 * i + 2]};
            if (Vec3Arrays.norm(Vec3Arrays.sub(p, joint)) > RADIUS[j]) {
                continue;
            }
            boolean ok;
            if (digit < 0) {
                ok = true;
                for (SkinMesh.Attachment a : mesh.attachments()[i]) {
                    ok &= a.station() < -0.03;
                }
            } else if (digit == 0 && j == 13) {
                ok = true;
                for (SkinMesh.Attachment a : mesh.attachments()[i]) {
                    ok &= a.digit() == 0 || a.station() < -0.02;
                }
            } else {
                ok = false;
                for (SkinMesh.Attachment a : mesh.attachments()[i]) {
                    ok |= a.digit() == digit;
                }
            }
            if (ok) {
                out.add(i);
            }
        }
        if (out.size() < 4) {
            throw new IllegalStateException("too few vertices around joint " + j + ": " + out.size());
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
