package org.ambidex.train.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ambidex.nets.dir.DirHand;
import org.ambidex.nets.dir.DirNet;
import org.ambidex.nets.dir.DirStage;
import org.ambidex.tensor.Scalars;
import org.ambidex.tensor.VectorArrays;

/**
 * DIR's loss terms, named and weighted as the reference's training forward names them:
 * <ul>
 *   <li>{@code seg}: class-weighted (0.1, 0.45, 0.45) cross entropy of the segmentation logits against the
 *       ground-truth labels taken nearest at the logits' size, times 0.1; {@code lovasz}: the Lovasz-softmax loss
 *       of the same logits (the reference passes logits where probabilities are documented; kept), times 0.1;
 *       {@code dense}: {@link #smoothL1} of the dense map against the ground truth down-sampled bilinearly;</li>
 *   <li>for each stage i (0 initial, 1, 2): {@code joint_left_uv_i}, {@code joint_right_uv_i}, {@code
 *       mesh_left_uv_i}, {@code mesh_right_uv_i} (2-D, crop [-1, 1]), {@code joint_*_xyz_i}, {@code
 *       mesh_*_xyz_i} (3-D in units of 0.15 m, relative to the hand's ground-truth middle MCP), all
 *       {@link #smoothL1} times 10; {@code edge_*_i} (edge lengths) and {@code normal_*_i} (face normals, times
 *       0.1) on the meshes against the ground truth's, over the MANO faces; {@code offset_i}: the offset against
 *       the true right-minus-left MCP in units of 0.15 m, times 10.</li>
 * </ul>
 */
public final class DirLosses {

    private static final float UNIT = 0.15f;
    private static final float COORD = 10;
    private static final float[] SEG_WEIGHT = {0.1f, 0.45f, 0.45f};

    private DirLosses() {
    }

    /**
     * The targets of a batch, as the reference's data loader gives them (B = batch, S = input side).
     *
     * @param jointUv per hand (0 right, 1 left) (B,21,2+) joints in the crop's [-1, 1] (extra columns ignored)
     * @param meshUv per hand (B,778,2+)
     * @param joints per hand (B,21,3) metres, camera frame
     * @param mesh per hand (B,778,3)
     * @param centre per hand (B,1,3) the middle MCP (joint 9), metres
     * @param seg (B,1,S,S) labels 0 background, 1 left, 2 right, as floats
     * @param dense (B,3,S,S) the dense map, in [0, 1]
     */
    public record Targets(NDArray[] jointUv, NDArray[] meshUv, NDArray[] joints, NDArray[] mesh, NDArray[] centre,
                          NDArray seg, NDArray dense) {
    }

    /**
     * Every term for the network's output {@code out} (with its seg and dense heads) and {@code t}; {@code faces}
     * per hand (0 right, 1 left) are the MANO triangles (F x 3 indices).
     */
    public static Map<String, NDArray> compute(DirNet.Output out, Targets t, int[][] faces) {
        Map<String, NDArray> loss = new LinkedHashMap<>();
        NDArray seg = out.seg();
        long size = seg.getShape().get(2);
        NDArray labels = nearestDown(t.seg(), (int) size);                      // (B,size,size) float labels
        NDArray dense = bilinearDown(t.dense(), (int) size);
        loss.put("seg", Scalars.mul(weightedCrossEntropy(seg, labels), 0.1f));
        loss.put("dense", smoothL1(out.dense(), dense));
        loss.put("lovasz", Scalars.mul(lovaszSoftmax(seg, labels), 0.1f));
        NDArray offsetTruth = Scalars.div(t.centre()[0].sub(t.centre()[1]), UNIT).squeeze(1);
        String[] names = {"right", "left"};
        for (int i = 0; i < out.stages().size(); i++) {
            DirStage s = out.stages().get(i);
            DirHand[] hands = {s.right(), s.left()};
            for (int h : new int[] {1, 0}) {
                loss.put("joint_" + names[h] + "_uv_" + i,
                    Scalars.mul(smoothL1(hands[h].jointUv(), uv(t.jointUv()[h])), COORD));
            }
            for (int h : new int[] {1, 0}) {
                loss.put("mesh_" + names[h] + "_uv_" + i,
                    Scalars.mul(smoothL1(hands[h].vertexUv(), uv(t.meshUv()[h])), COORD));
            }
            NDArray[] meshPred = new NDArray[2];
            NDArray[] meshTruth = new NDArray[2];
            for (int h : new int[] {1, 0}) {
                NDArray jointTruth = Scalars.div(t.joints()[h].sub(t.centre()[h]), UNIT);
                loss.put("joint_" + names[h] + "_xyz_" + i,
                    Scalars.mul(smoothL1(Scalars.div(hands[h].joints(), UNIT), jointTruth), COORD));
            }
            for (int h : new int[] {1, 0}) {
                meshTruth[h] = Scalars.div(t.mesh()[h].sub(t.centre()[h]), UNIT);
                meshPred[h] = Scalars.div(hands[h].vertices(), UNIT);
                loss.put("mesh_" + names[h] + "_xyz_" + i, Scalars.mul(smoothL1(meshPred[h], meshTruth[h]), COORD));
            }
            for (int h : new int[] {1, 0}) {
                loss.put("edge_" + names[h] + "_" + i, edgeLength(meshPred[h], meshTruth[h], faces[h]));
            }
            for (int h : new int[] {1, 0}) {
                loss.put("normal_" + names[h] + "_" + i,
                    Scalars.mul(normalVector(meshPred[h], meshTruth[h], faces[h]), 0.1f));
            }
            loss.put("offset_" + i, Scalars.mul(smoothL1(s.offset(), offsetTruth), COORD));
        }
        return loss;
    }

    /** The sum of every term. */
    public static NDArray total(Map<String, NDArray> terms) {
        NDArray sum = null;
        for (NDArray t : terms.values()) {
            sum = sum == null ? t : sum.add(t);
        }
        return sum;
    }

    private static NDArray uv(NDArray a) {
        return a.get(":, :, 0:2");
    }

    /**
     * DIR's {@code SmoothL1Loss}: per sample the mean over all values of {@code 0.5 z^2} where {@code |z| < 0.01}
     * plus the mean of {@code 0.01 (|z| - 0.005)} where {@code |z| >= 0.01}, then the batch mean.
     */
    static NDArray smoothL1(NDArray x, NDArray y) {
        long b = x.getShape().get(0);
        NDArray z = x.reshape(b, -1).sub(y.reshape(b, -1));
        NDArray small = z.abs().lt(0.01f).toType(DataType.FLOAT32, false);
        NDArray large = z.abs().gte(0.01f).toType(DataType.FLOAT32, false);
        NDArray mse = Scalars.mul(small.mul(z).square(), 0.5f).mul(small).mean(new int[] {-1});
        NDArray l1 = Scalars.mul(large.mul(z).abs().sub(0.005f), 0.01f).mul(large).mean(new int[] {-1});
        return mse.add(l1).mean();
    }

    /** {@code EdgeLengthLoss}: mean |edge length - true edge length| over the faces' three edges. */
    static NDArray edgeLength(NDArray pred, NDArray truth, int[] faces) {
        NDManager m = pred.getManager();
        NDArray[] f = faceColumns(m, faces);
        int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
        NDList diffs = new NDList();
        for (int[] p : pairs) {
            NDArray dOut = gather(pred, f[p[0]]).sub(gather(pred, f[p[1]])).square().sum(new int[] {2}, true)
                .add(1e-12f).sqrt();
            NDArray dGt = gather(truth, f[p[0]]).sub(gather(truth, f[p[1]])).square().sum(new int[] {2}, true)
                .add(1e-12f).sqrt();
            diffs.add(dOut.sub(dGt).abs());
        }
        return NDArrays.concat(diffs, 1).mean();
    }

    /** {@code NormalVectorLoss}: mean |cos| between the predicted faces' edges and the true faces' normals. */
    static NDArray normalVector(NDArray pred, NDArray truth, int[] faces) {
        NDManager m = pred.getManager();
        NDArray[] f = faceColumns(m, faces);
        NDArray v1 = normalise(gather(pred, f[1]).sub(gather(pred, f[0])));
        NDArray v2 = normalise(gather(pred, f[2]).sub(gather(pred, f[0])));
        NDArray v3 = normalise(gather(pred, f[2]).sub(gather(pred, f[1])));
        NDArray g1 = normalise(gather(truth, f[1]).sub(gather(truth, f[0])));
        NDArray g2 = normalise(gather(truth, f[2]).sub(gather(truth, f[0])));
        NDArray n = normalise(VectorArrays.cross(g1, g2));
        NDList cos = new NDList();
        for (NDArray v : new NDArray[] {v1, v2, v3}) {
            cos.add(v.mul(n).sum(new int[] {2}, true).abs());
        }
        return NDArrays.concat(cos, 1).mean();
    }

    private static NDArray[] faceColumns(NDManager m, int[] faces) {
        NDArray[] out = new NDArray[3];
        for (int c = 0; c < 3; c++) {
            long[] idx = new long[faces.length / 3];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = faces[3 * i + c];
            }
            out[c] = m.create(idx);
        }
        return out;
    }

    private static NDArray gather(NDArray points, NDArray index) {
        return points.get(new NDIndex(":, {}", index));
    }

    /**
     * {@code F.normalize(v, dim=2)}: v / max(|v|, 1e-12). The squared length is floored at 1e-24 before the root,
     * which leaves every value as it was but gives a zero vector torch's zero gradient rather than the root's
     * infinite one (0 x inf = NaN would otherwise reach every weight from one degenerate face).
     */
    private static NDArray normalise(NDArray v) {
        return v.div(Scalars.maximum(Scalars.maximum(v.square().sum(new int[] {2}, true), 1e-24f).sqrt(), 1e-12f));
    }


    /** {@code F.interpolate(labels, (size, size), mode='nearest')} then the channel dropped: (B,size,size). */
    static NDArray nearestDown(NDArray labels, int size) {
        long s = labels.getShape().get(2);
        long step = s / size;
        return labels.get(":, 0, ::" + step + ", ::" + step);
    }

    /**
     * {@code F.interpolate(x, (size, size), mode='bilinear', align_corners=False)} for an even whole reduction f:
     * output cell d reads source position {@code f d + (f - 1) / 2}, halfway between pixels {@code f d + f/2 - 1}
     * and {@code f d + f/2}, so each output is the mean of a 2 x 2 block, weighted as torch weighs it.
     */
    static NDArray bilinearDown(NDArray x, int size) {
        long s = x.getShape().get(2);
        if (s % size != 0 || (s / size) % 2 != 0) {
            throw new IllegalArgumentException("bilinear reduction from " + s + " to " + size + " is not by an even"
                + " whole factor");
        }
        long f = s / size;
        long a = f / 2 - 1;
        String r0 = a + "::" + f;
        String r1 = (a + 1) + "::" + f;
        NDArray top = Scalars.mul(x.get(":, :, " + r0 + ", " + r0), 0.5f)
            .add(Scalars.mul(x.get(":, :, " + r0 + ", " + r1), 0.5f));
        NDArray bottom = Scalars.mul(x.get(":, :, " + r1 + ", " + r0), 0.5f)
            .add(Scalars.mul(x.get(":, :, " + r1 + ", " + r1), 0.5f));
        return Scalars.mul(top, 0.5f).add(Scalars.mul(bottom, 0.5f));
    }

    /** {@code CrossEntropyLoss(weight)} over (B,3,H,W) logits: sum of w[y] (-log p_y) over sum of w[y]. */
    static NDArray weightedCrossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);                                       // (B,3,H,W)
        NDArray onehot = labels.toType(DataType.INT64, false).oneHot(3).transpose(0, 3, 1, 2)
            .toType(DataType.FLOAT32, false);
        NDArray weight = logits.getManager().create(SEG_WEIGHT).reshape(1, 3, 1, 1);
        NDArray w = onehot.mul(weight).sum(new int[] {1});                           // (B,H,W)
        NDArray nll = logp.mul(onehot).sum(new int[] {1}).neg();
        return nll.mul(w).sum().div(w.sum());
    }

    /** Lovasz-softmax over the classes present (flattened batch), on the given scores as the reference does. */
    static NDArray lovaszSoftmax(NDArray scores, NDArray labels) {
        long c = scores.getShape().get(1);
        NDArray p = scores.transpose(0, 2, 3, 1).reshape(-1, c);
        NDArray l = labels.reshape(-1);
        NDList losses = new NDList();
        for (int k = 0; k < c; k++) {
            NDArray fg = l.eq((float) k).toType(DataType.FLOAT32, false);
            if (fg.sum().getFloat() == 0) {
                continue;
            }
            NDArray errors = fg.sub(p.get(":, " + k)).abs();
            NDArray perm = errors.argSort(0, false);
            NDArray sorted = errors.get(new NDIndex("{}", perm));
            NDArray fgSorted = fg.get(new NDIndex("{}", perm));
            losses.add(sorted.mul(lovaszGrad(fgSorted)).sum());
        }
        return NDArrays.stack(losses).mean();
    }

    /** The Lovasz extension's gradient for sorted ground truth: the Jaccard loss's increments. */
    private static NDArray lovaszGrad(NDArray gtSorted) {
        NDArray gts = gtSorted.sum();
        NDArray intersection = gts.sub(gtSorted.cumSum(0));
        NDArray union = gts.add(gtSorted.neg().add(1).cumSum(0));
        NDArray jaccard = intersection.div(union).neg().add(1);
        long p = jaccard.getShape().get(0);
        if (p > 1) {
            NDArray head = jaccard.get("0:1");
            NDArray rest = jaccard.get("1:").sub(jaccard.get(":-1"));
            jaccard = NDArrays.concat(new NDList(head, rest), 0);
        }
        return jaccard;
    }
}
