package org.ambidex.train.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.JointOrder;
import org.ambidex.nets.intaghand.HandGraphs;
import org.ambidex.tensor.Scalars;
import org.ambidex.tensor.VectorArrays;

/**
 * IntagHand's training loss ({@code core/Loss.py}: {@code GraphLoss.calc_loss}, {@code calc_aux_loss},
 * {@code calc_loss_GCN}) with the weights of {@code utils/defaults.yaml}. Per hand, averaged over the two hands:
 * 2-D vertices (MSE of crop pixels mapped to [-1, 1]), 3-D vertices and joints (L1; joints by MANO's regressor plus
 * the tips), face normals (the predicted edges' cosines with the target faces' normals, L1 to 0), edge lengths (L1;
 * weighted from epoch 50 on), and the same 3-D and 2-D terms on the last graph level's nodes against the target mesh
 * permuted by {@code graph_perm} and averaged pairwise down to that level. Auxiliary: masks and the masked dense
 * pose (smooth L1, beta 0.05), heat maps (MSE). The up-sampling weights are frozen (the reference's default), so
 * their term is 0.
 */
public final class IntagHandLoss {

    /** {@code LOSS_WEIGHT} of the reference's defaults. */
    public static final double LABEL_3D = 100;
    public static final double LABEL_2D = 50;
    public static final double EDGE = 2000;
    public static final double NORMAL = 10;
    public static final int NORM_EPOCH = 50;
    public static final double UPSAMPLE = 1.0;
    public static final double MASK = 500;
    public static final double DENSE = 30;
    public static final double HMS = 100;
    private static final float BETA = 0.05f;
    private static final float SIZE = 256f;

    private final float[][] regressors = new float[2][];
    private final long[][] faces = new long[2][];
    private final long[][] perms = new long[2][];

    /**
     * @param left the left hand's MANO model (its {@code J_regressor} and faces)
     * @param leftGraphs the left hand's graphs ({@code graph_perm})
     */
    public IntagHandLoss(HandModel left, HandModel right, HandGraphs leftGraphs, HandGraphs rightGraphs) {
        HandModel[] models = {left, right};
        HandGraphs[] graphs = {leftGraphs, rightGraphs};
        for (int h = 0; h < 2; h++) {
            regressors[h] = regressor(models[h]);
            faces[h] = models[h].faces().toLongArray();
            perms[h] = java.util.Arrays.stream(graphs[h].perm()).asLongStream().toArray();
        }
    }

    /** The same loss with other faces ({@code F x 3} packed vertex indices per hand), for tests. */
    IntagHandLoss withFaces(long[] leftFaces, long[] rightFaces) {
        IntagHandLoss copy = new IntagHandLoss(this);
        copy.faces[0] = leftFaces.clone();
        copy.faces[1] = rightFaces.clone();
        return copy;
    }

    private IntagHandLoss(IntagHandLoss other) {
        for (int h = 0; h < 2; h++) {
            regressors[h] = other.regressors[h];
            faces[h] = other.faces[h];
            perms[h] = other.perms[h];
        }
    }

    /** The 21 x V regressor in OpenPose order: MANO's 16 rows, then one-hot rows on the tips. */
    private static float[] regressor(HandModel m) {
        int v = m.vertexCount();
        double[] j16 = m.jRegressor().toDoubleArray();
        int[] tips = m.tipVertices(FingertipSet.INTAGHAND);
        int[] gather = JointOrder.OPENPOSE.gatherFrom(JointOrder.MANO16_TIPS);
        float[] out = new float[21 * v];
        for (int row = 0; row < 21; row++) {
            int src = gather[row];
            if (src < 16) {
                for (int i = 0; i < v; i++) {
                    out[row * v + i] = (float) j16[src * v + i];
                }
            } else {
                out[row * v + tips[src - 16]] = 1f;
            }
        }
        return out;
    }

    /**
     * The named terms (the reference's names; the coarse ones {@code coarse_v3d_loss}, {@code coarse_v2d_loss})
     * and {@code total_loss}, scalars.
     *
     * @param out {@link org.ambidex.nets.intaghand.IntagHandNet#forwardWithAuxiliary}'s eight outputs
     * @param epoch the training epoch (0-based), which switches the edge term on
     */
    public Map<String, NDArray> terms(NDList out, IntagHandTargets t, int epoch) {
        Map<String, NDArray> left = handTerms(0, out.get(0), out.get(1), out.get(2), t.verts3dLeft(), t.verts2dLeft());
        NDArray rightTarget = t.verts3dRight().add(t.rootRel().expandDims(1));
        Map<String, NDArray> right = handTerms(1, out.get(3), out.get(4), out.get(5), rightTarget, t.verts2dRight());
        Map<String, NDArray> terms = new LinkedHashMap<>();
        left.forEach((k, v) -> terms.put(k, Scalars.div(v.add(right.get(k)), 2)));
        NDArray hms = out.get(6);
        NDArray dp = out.get(7);
        NDArray mask = t.mask();
        terms.put("mask_loss", smoothL1(dp.get(new NDIndex(":, 0:2")), mask));
        NDArray dense = dp.get(new NDIndex(":, 2:"));
        NDArray maskLeft = mask.get(new NDIndex(":, 0:1"));
        NDArray maskRight = mask.get(new NDIndex(":, 1:2"));
        terms.put("dense_loss", Scalars.div(
            smoothL1(dense.get(new NDIndex(":, 0:3")).mul(maskLeft), t.dense().mul(maskLeft))
                .add(smoothL1(dense.get(new NDIndex(":, 3:")).mul(maskRight), t.dense().mul(maskRight))), 2));
        terms.put("hms_loss", mse(hms, t.heatmaps()));
        terms.put("upsample_norm_loss", hms.getManager().zeros(new Shape()));
        double alpha = epoch < NORM_EPOCH ? 0 : 1;
        // float weights: a double would promote the sum to float64
        NDArray total = Scalars.mul(terms.get("vert3d_loss").add(terms.get("joint_loss"))
                .add(terms.get("coarse_v3d_loss")), (float) LABEL_3D)
            .add(Scalars.mul(terms.get("vert2d_loss").add(terms.get("coarse_v2d_loss")), (float) LABEL_2D))
            .add(Scalars.mul(terms.get("norm_loss"), (float) NORMAL))
            .add(Scalars.mul(terms.get("edge_loss"), (float) (alpha * EDGE)))
            .add(Scalars.mul(terms.get("upsample_norm_loss"), (float) UPSAMPLE))
            .add(Scalars.mul(terms.get("mask_loss"), (float) MASK))
            .add(Scalars.mul(terms.get("dense_loss"), (float) DENSE))
            .add(Scalars.mul(terms.get("hms_loss"), (float) HMS));
        terms.put("total_loss", total);
        return terms;
    }

    private Map<String, NDArray> handTerms(int hand, NDArray verts, NDArray cam, NDArray nodes, NDArray gt3d,
                                           NDArray gt2d) {
        NDManager m = verts.getManager();
        int v = HandGraphs.VERTICES;
        NDArray jr = m.create(regressors[hand], new Shape(21, v));
        NDArray edgesPred = faceEdges(verts, faces[hand]);
        NDArray edgesGt = faceEdges(gt3d, faces[hand]);
        NDArray normal = normalize(VectorArrays.cross(edgesGt.get(new NDIndex(":, :, 0")), edgesGt.get(new NDIndex(":, :, 1"))))
            .expandDims(2);
        NDArray cosines = normalize(edgesPred).mul(normal).sum(new int[] {-1});
        NDArray perm = m.create(perms[hand]);
        NDArray g3 = gt3d.swapAxes(0, 1).get(perm).swapAxes(0, 1);
        NDArray g2 = gt2d.swapAxes(0, 1).get(perm).swapAxes(0, 1);
        long level = nodes.getShape().get(1);
        while (g3.getShape().get(1) > level) {
            g3 = halve(g3);
            g2 = halve(g2);
        }
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("vert2d_loss", mse(unit(project(cam, verts)), unit(gt2d)));
        t.put("vert3d_loss", l1(verts, gt3d));
        t.put("joint_loss", l1(jr.matMul(verts), jr.matMul(gt3d)));
        t.put("norm_loss", cosines.abs().mean());
        t.put("edge_loss", l1(length(edgesPred), length(edgesGt)));
        t.put("coarse_v3d_loss", l1(nodes, g3));
        t.put("coarse_v2d_loss", mse(unit(project(cam, nodes)), unit(g2)));
        return t;
    }

    /** {@code projection_batch}: {@code 256 scale (x, y) + 128 (t + 1)} for {@code pts (B, N, 3)}. */
    static NDArray project(NDArray cam, NDArray pts) {
        NDArray s = Scalars.mul(cam.get(new NDIndex(":, 0:1")), SIZE).expandDims(2);
        NDArray t = Scalars.mul(cam.get(new NDIndex(":, 1:3")), SIZE / 2).add(SIZE / 2).expandDims(1);
        return s.mul(pts.get(new NDIndex("..., 0:2"))).add(t);
    }

    private static NDArray unit(NDArray uv) {
        return Scalars.mul(Scalars.div(uv, SIZE), 2).sub(1);
    }

    /** {@code (B, F, 3, 3)}: per face the edges {@code v0 - v1, v1 - v2, v2 - v0}. */
    private static NDArray faceEdges(NDArray verts, long[] faces) {
        NDArray idx = verts.getManager().create(faces);
        long b = verts.getShape().get(0);
        NDArray corners = verts.swapAxes(0, 1).get(idx).swapAxes(0, 1).reshape(b, faces.length / 3, 3, 3);
        NDArray c0 = corners.get(new NDIndex(":, :, 0"));
        NDArray c1 = corners.get(new NDIndex(":, :, 1"));
        NDArray c2 = corners.get(new NDIndex(":, :, 2"));
        return NDArrays.stack(new NDList(c0.sub(c1), c1.sub(c2), c2.sub(c0)), 2);
    }


    /** {@code F.normalize(x, dim=-1)}: divided by the norm, at least 1e-12. */
    private static NDArray normalize(NDArray x) {
        return x.div(Scalars.maximum(length(x), 1e-12f).expandDims(-1));
    }

    private static NDArray length(NDArray x) {
        return x.square().sum(new int[] {-1}).sqrt();
    }

    /** {@code AvgPool1d(2)} along the nodes of {@code (B, N, C)}. */
    private static NDArray halve(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1) / 2, 2, s.get(2)).mean(new int[] {2});
    }

    private static NDArray l1(NDArray a, NDArray b) {
        return a.sub(b).abs().mean();
    }

    private static NDArray mse(NDArray a, NDArray b) {
        return a.sub(b).square().mean();
    }

    /** {@code nn.SmoothL1Loss(beta=0.05)}, mean. */
    private static NDArray smoothL1(NDArray a, NDArray b) {
        NDArray d = a.sub(b).abs();
        NDArray quadratic = Scalars.mul(d.square(), 0.5f / BETA);
        NDArray linear = d.sub(0.5f * BETA);
        return NDArrays.where(d.lt(BETA), quadratic, linear).mean();
    }
}
