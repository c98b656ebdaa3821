package org.ambidex.fit;

import org.ambidex.hand.HandModel;

/**
 * A {@link HandModel}'s arrays as plain {@code double[]} (read once per fitter), with the rest joints regressed
 * from the template and from each shape direction: joint regression is linear, so the joints of a shaped hand
 * are {@code restJoints + sum_l betas[l] restJointShapes[l]} without touching the vertices.
 *
 * <p>Layouts (row-major, metres): {@code template} (V,3); {@code shapedirs} (V,3,S); {@code posedirs} (V,3,135);
 * {@code weights} (V,16); {@code restJoints} (16,3); {@code restJointShapes} (16,3,S), the same layout as the
 * shape directions.
 */
final class ModelArrays {

    final int vertexCount;
    final int shapeCount;
    final int[] parents;
    final double[] template;
    final double[] shapedirs;
    final double[] posedirs;
    final double[] weights;
    final double[] restJoints;
    final double[] restJointShapes;

    ModelArrays(HandModel model) {
        vertexCount = model.vertexCount();
        shapeCount = model.shapeCount();
        parents = model.parents();
        template = model.vTemplate().toDoubleArray();
        shapedirs = model.shapedirs().toDoubleArray();
        posedirs = model.posedirs().toDoubleArray();
        weights = model.weights().toDoubleArray();
        double[] regressor = model.jRegressor().toDoubleArray();
        restJoints = new double[HandModel.JOINTS * 3];
        restJointShapes = new double[HandModel.JOINTS * 3 * shapeCount];
        int s = shapeCount;
        for (int v = 0; v < vertexCount; v++) {
            for (int k = 0; k < HandModel.JOINTS; k++) {
                double share = regressor[k * vertexCount + v];
                if (share != 0) {
                    addScaled(template, 3 * v, 3, share, restJoints, 3 * k);
                    addScaled(shapedirs, 3 * v * s, 3 * s, share, restJointShapes, 3 * k * s);
                }
            }
        }
    }

    /** {@code out[o..o+n) += factor * a[from..from+n)}. */
    private static void addScaled(double[] a, int from, int n, double factor, double[] out, int o) {
        for (int i = 0; i < n; i++) {
            out[o + i] += factor * a[from + i];
        }
    }

    /** Whether any pose blend shape of vertex {@code v} is non-zero (the open model has none). */
    boolean hasPoseBlend(int v) {
        int n = 3 * HandModel.POSE_FEATURES;
        for (int i = v * n; i < (v + 1) * n; i++) {
            if (posedirs[i] != 0) {
                return true;
            }
        }
        return false;
    }
}
