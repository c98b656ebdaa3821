package org.ambidex.eval;

import java.util.Objects;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.NdArray;

/**
 * IntagHand's evaluation joint regressor {@code Jr} (SEED_SPEC.md C.3): the hand model's {@code J_regressor}
 * (16 x V) followed by one-hot rows on the fingertip vertices of {@link FingertipSet#INTAGHAND} (745, 317, 444,
 * 556, 673 for MANO), reordered to the OpenPose order, applied to a posed mesh. IntagHand and DIR apply it to
 * ground-truth and predicted vertices alike; each side uses its own model's regressor.
 *
 * <p>Immutable; pure Java (no DJL), so regressing a predicted mesh costs a few microseconds.
 */
public final class ManoJointRegressor {

    private final Side[] sides = new Side[2];

    /** The regressors of the right and the left model. */
    public ManoJointRegressor(HandModel right, HandModel left) {
        sides[Hands.RIGHT] = new Side(Objects.requireNonNull(right, "right"));
        sides[Hands.LEFT] = new Side(Objects.requireNonNull(left, "left"));
    }

    /** Vertices of hand {@code hand}'s model (0 right, 1 left). */
    public int vertexCount(int hand) {
        return sides[hand].vertexCount;
    }

    /**
     * The 21 joints (OpenPose order, packed x, y, z) of a mesh of hand {@code hand}.
     *
     * @param vertices V x 3 packed vertices of that hand's model, any unit (the joints come out in it)
     * @throws IllegalArgumentException when the mesh has another vertex count than the model
     */
    public double[] joints(int hand, double[] vertices) {
        return sides[hand].joints(vertices);
    }

    /** The regressor of one model, its rows kept sparse (MANO's J_regressor has about 30 non-zeros per row). */
    private static final class Side {
        private final String model;
        private final int vertexCount;
        private final int[][] columns = new int[HandModel.JOINTS][];
        private final double[][] weights = new double[HandModel.JOINTS][];
        private final int[] tips;
        /** For each OpenPose slot, its row in MANO16_TIPS (16 regressed joints, then the five tips). */
        private final int[] fromManoTips = JointOrder.OPENPOSE.gatherFrom(JointOrder.MANO16_TIPS);

        Side(HandModel m) {
            model = m.name();
            vertexCount = m.vertexCount();
            NdArray reg = m.jRegressor();
            for (int j = 0; j < HandModel.JOINTS; j++) {
                int n = 0;
                for (int v = 0; v < vertexCount; v++) {
                    if (reg.getDouble(j * vertexCount + v) != 0) {
                        n++;
                    }
                }
                columns[j] = new int[n];
                weights[j] = new double[n];
                int k = 0;
                for (int v = 0; v < vertexCount; v++) {
                    double w = reg.getDouble(j * vertexCount + v);
                    if (w != 0) {
                        columns[j][k] = v;
                        weights[j][k++] = w;
                    }
                }
            }
            tips = m.tipVertices(FingertipSet.INTAGHAND);
        }

        double[] joints(double[] vertices) {
            if (vertices.length != 3 * vertexCount) {
                throw new IllegalArgumentException("the mesh has " + vertices.length / 3 + " vertices; the hand model "
                    + model + " has " + vertexCount);
            }
            double[] manoTips = new double[3 * JointOrder.MANO16_TIPS.size()];
            for (int j = 0; j < HandModel.JOINTS; j++) {
                double x = 0;
                double y = 0;
                double z = 0;
                int[] c = columns[j];
                double[] w = weights[j];
                for (int k = 0; k < c.length; k++) {
                    int v = 3 * c[k];
                    x += w[k] * vertices[v];
                    y += w[k] * vertices[v + 1];
                    z += w[k] * vertices[v + 2];
                }
                manoTips[3 * j] = x;
                manoTips[3 * j + 1] = y;
                manoTips[3 * j + 2] = z;
            }
            for (int t = 0; t < tips.length; t++) {
                System.arraycopy(vertices, 3 * tips[t], manoTips, 3 * (HandModel.JOINTS + t), 3);
            }
            double[] out = new double[3 * fromManoTips.length];
            for (int i = 0; i < fromManoTips.length; i++) {
                System.arraycopy(manoTips, 3 * fromManoTips[i], out, 3 * i, 3);
            }
            return out;
        }
    }
}
