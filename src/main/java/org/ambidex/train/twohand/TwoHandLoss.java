package org.ambidex.train.twohand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.JointOrder;
import org.ambidex.nets.twohand.DecodedHand;
import org.ambidex.nets.twohand.HandVector;
import org.ambidex.tensor.Scalars;
import org.ambidex.nets.twohand.TwoHandDecoder;
import org.ambidex.nets.twohand.TwoHandOutput;

/**
 * The training loss of the two-hand network. For every stage and each hand, with masks from the annotation:
 * <ul>
 *   <li>{@code joints}: sum over valid joints of the L1 distance (|dx| + |dy| + |dz|) between predicted and
 *       annotated root-relative joints, divided by the number of valid joints and by {@link #UNIT};</li>
 *   <li>{@code vertices}: the same over all vertices of hands with hand-model annotations, the targets being the
 *       annotated parameters posed by the same hand layer;</li>
 *   <li>{@code uv}: the L1 distance of the weak-perspective projections to the annotated 2-D joints, normalised crop
 *       coordinates, per valid joint;</li>
 *   <li>{@code rotation}: squared Frobenius distance of the root rotation matrices, per annotated hand;
 *       {@code pose}: mean squared error of the 45 PCA coefficients (the annotated pose converted by the layer);
 *       {@code shape}: mean squared error of the 10 betas;</li>
 *   <li>{@code offset}: L1 distance of the left-minus-right wrist vectors over {@link #UNIT}, per frame with both
 *       wrists;</li>
 * </ul>
 * summed over hands (each hand's term averaged over its own valid entries), weighted, summed over stages; plus
 * {@code presence}, the binary cross-entropy of the presence logits (mean over frames and hands); plus the dense
 * head's terms ({@code heat_ce}, {@code heat_uv}, {@code heat_depth}) and {@code heat_absent}, which flattens the
 * heatmaps of hands not in the frame. Empty masks contribute zero.
 */
public final class TwoHandLoss {

    /** Length unit of the 3-D terms, metres (errors of a few centimetres give terms near 1). */
    public static final double UNIT = 0.1;
    /** Standard deviation of the dense head's target Gaussians, in cells of its map. */
    public static final double HEATMAP_SIGMA_CELLS = 1.0;

    private final TwoHandLossWeights weights;

    public TwoHandLoss(TwoHandLossWeights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    /**
     * The loss terms.
     *
     * @param total the weighted sum to differentiate (scalar)
     * @param lastStage the unweighted terms of the last stage (and presence), by name
     */
    public record Terms(NDArray total, Map<String, NDArray> lastStage) {

        /** The values of {@link #lastStage()} and the total, as numbers. */
        public Map<String, Double> values() {
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("total", (double) total.getFloat());
            lastStage.forEach((k, v) -> out.put(k, (double) v.getFloat()));
            return out;
        }
    }

    /** Targets derived from the annotation by the hand layer, once per batch. */
    record LayerTargets(NDArray[] vertices, NDArray[] rotation, NDArray[] pca) {
    }

    /** The loss of {@code out} against {@code batch}. */
    public Terms compute(TwoHandOutput out, TwoHandBatch batch, TwoHandDecoder decoder) {
        LayerTargets targets = layerTargets(batch, decoder);
        NDArray total = null;
        Map<String, NDArray> last = null;
        for (int k = 0; k < out.stageCount(); k++) {
            Map<String, NDArray> terms = stageTerms(out.hands().get(k), out.vectors().get(k), out.offsets().get(k),
                batch, targets);
            NDArray weighted = Scalars.mul(terms.get("joints"), (float) weights.joints())
                .add(Scalars.mul(terms.get("vertices"), (float) weights.vertices()))
                .add(Scalars.mul(terms.get("uv"), (float) weights.uv()))
                .add(Scalars.mul(terms.get("rotation"), (float) weights.rotation()))
                .add(Scalars.mul(terms.get("pose"), (float) weights.pose()))
                .add(Scalars.mul(terms.get("shape"), (float) weights.shape()))
                .add(Scalars.mul(terms.get("offset"), (float) weights.offset()));
            total = total == null ? weighted : total.add(weighted);
            last = terms;
        }
        NDArray presence = binaryCrossEntropy(out.presenceLogits(), batch.present());
        last.put("presence", presence);
        NDArray[] dense = denseTerms(out, batch);
        last.put("heat_ce", dense[0]);
        last.put("heat_uv", dense[1]);
        last.put("heat_depth", dense[2]);
        NDArray absent = absentTerm(out.heatmapLogProb(), batch.present());
        last.put("heat_absent", absent);
        return new Terms(total.add(Scalars.mul(presence, (float) weights.presence()))
            .add(Scalars.mul(dense[0].add(dense[1]).add(dense[2]), (float) weights.heatmap()))
            .add(Scalars.mul(absent, (float) weights.absent())), last);
    }

    static LayerTargets layerTargets(TwoHandBatch batch, TwoHandDecoder decoder) {
        NDArray[] vertices = new NDArray[2];
        NDArray[] rotation = new NDArray[2];
        NDArray[] pca = new NDArray[2];
        for (int h = 0; h < 2; h++) {
            HandLayer layer = decoder.layer(h);
            NDArray finger = batch.fingerPose().get(":, " + h + ", :");
            HandParams p = new HandParams(batch.betas().get(":, " + h + ", :"), batch.rootPose().get(":, " + h + ", :"),
                finger, HandPoseKind.AXIS_ANGLE, null, false);
            HandOutput o = layer.forward(p, FingertipSet.INTAGHAND, JointOrder.OPENPOSE);
            vertices[h] = o.vertices().sub(o.keypoints().get(":, 0:1, :")).stopGradient();
            rotation[h] = o.localRotations().get(":, 0, :, :").stopGradient();
            pca[h] = layer.axisAngleToPca(finger, false).stopGradient();
        }
        return new LayerTargets(vertices, rotation, pca);
    }

    /**
     * The dense head's terms, each a mean over the valid joints of both hands: cross-entropy of each joint's spatial softmax against a
     * normalised Gaussian ({@link #HEATMAP_SIGMA_CELLS} cells) about its annotation, for joints inside the crop;
     * L1 of the expected positions; L1 of the depth maps read at the annotation (the Gaussian's weights), so depth
     * is supervised where the joint is, whatever the softmax currently says.
     */
    private static NDArray[] denseTerms(TwoHandOutput out, TwoHandBatch batch) {
        long b = batch.size();
        long cells = out.heatmapLogProb().getShape().get(2);
        long side = Math.round(Math.sqrt(cells));
        NDArray grid = out.heatmapCells(side, side);                                  // (hw,2)
        NDArray targetUv = batch.uv().reshape(b, 42, 1, 2);
        double sigma = HEATMAP_SIGMA_CELLS * 2.0 / side;
        NDArray d2 = targetUv.sub(grid.reshape(1, 1, cells, 2)).square().sum(new int[] {3}); // (B,42,hw)
        NDArray gauss = Scalars.mul(d2, (float) (-1 / (2 * sigma * sigma))).exp();
        NDArray target = gauss.div(Scalars.maximum(gauss.sum(new int[] {2}, true), 1e-12f)).stopGradient();
        NDArray inside = batch.uv().abs().max(new int[] {3}).lte(1f).toType(DataType.FLOAT32, false)
            .reshape(b, 42);
        NDArray mask = batch.jointValid().reshape(b, 42);
        NDArray ce = maskedMean(target.mul(out.heatmapLogProb()).sum(new int[] {2}).neg(), mask.mul(inside));
        NDArray uv = maskedMean(out.heatmapUv().reshape(b, 42, 2).sub(batch.uv().reshape(b, 42, 2)).abs()
            .sum(new int[] {2}), mask);
        NDArray targetDepth = batch.joints().get(":, :, :, 2").reshape(b, 42).div(Scalars.of(batch.joints(), (float) UNIT));
        NDArray depthAtTarget = target.mul(out.depthMaps()).sum(new int[] {2});
        NDArray depth = maskedMean(depthAtTarget.sub(targetDepth).abs(), mask.mul(inside));
        return new NDArray[] {ce, uv, depth};
    }

    /**
     * The absent hands' heatmaps against the uniform distribution: {@code KL(U || p) = -mean(log p) - log(hw)} per
     * joint (0 for a flat map), a mean over the joints of the hands not in the frame. Without it nothing asks
     * the dense head which hand a lone hand is: an absent hand's maps were unsupervised, so both hands' maps
     * could light up on any hand, and chirality was left to the presence logits alone.
     */
    static NDArray absentTerm(NDArray logProb, NDArray present) {
        long b = logProb.getShape().get(0);
        long cells = logProb.getShape().get(2);
        NDArray kl = logProb.mean(new int[] {2}).neg().sub(Math.log(cells)).reshape(b, 2, 21);
        NDArray absentHands = present.neg().add(1).reshape(b, 2, 1).broadcast(b, 2, 21);
        return maskedMean(kl, absentHands);
    }

    private static Map<String, NDArray> stageTerms(DecodedHand[] hands, NDArray vectors, NDArray offset,
                                                   TwoHandBatch batch, LayerTargets t) {
        NDArray joints = null;
        NDArray verts = null;
        NDArray uv = null;
        NDArray rot = null;
        NDArray pose = null;
        NDArray shape = null;
        for (int h = 0; h < 2; h++) {
            DecodedHand d = hands[h];
            NDArray jointMask = batch.jointValid().get(":, " + h + ", :");          // (B,21)
            NDArray manoMask = batch.manoValid().get(":, " + h);                    // (B)
            NDArray j = maskedMean(d.joints().sub(batch.joints().get(":, " + h + ", :, :")).abs().sum(new int[] {2}),
                jointMask).div(Scalars.of(batch.joints(), (float) UNIT));
            NDArray u = maskedMean(d.uv().sub(batch.uv().get(":, " + h + ", :, :")).abs().sum(new int[] {2}),
                jointMask);
            NDArray vertexL1 = d.vertices().sub(t.vertices()[h]).abs().sum(new int[] {2}).mean(new int[] {1}); // (B)
            NDArray v = maskedMean(vertexL1, manoMask).div(Scalars.of(batch.joints(), (float) UNIT));
            NDArray r = maskedMean(d.rotation().sub(t.rotation()[h]).square().sum(new int[] {1, 2}), manoMask);
            NDArray vec = vectors.get(":, " + h + ", :");
            NDArray predPca = vec.get(":, " + HandVector.POSE + ":" + (HandVector.POSE + HandVector.POSE_SIZE));
            NDArray predBetas = vec.get(":, " + HandVector.BETAS + ":" + (HandVector.BETAS + HandVector.BETAS_SIZE));
            NDArray p = maskedMean(predPca.sub(t.pca()[h]).square().mean(new int[] {1}), manoMask);
            NDArray s = maskedMean(predBetas.sub(batch.betas().get(":, " + h + ", :")).square().mean(new int[] {1}),
                manoMask);
            joints = joints == null ? j : joints.add(j);
            uv = uv == null ? u : uv.add(u);
            verts = verts == null ? v : verts.add(v);
            rot = rot == null ? r : rot.add(r);
            pose = pose == null ? p : pose.add(p);
            shape = shape == null ? s : shape.add(s);
        }
        NDArray off = maskedMean(offset.sub(batch.offset()).abs().sum(new int[] {1}), batch.offsetValid()).div(Scalars.of(batch.joints(), (float) UNIT));
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("joints", joints);
        terms.put("vertices", verts);
        terms.put("uv", uv);
        terms.put("rotation", rot);
        terms.put("pose", pose);
        terms.put("shape", shape);
        terms.put("offset", off);
        return terms;
    }

    /** {@code sum(values * mask) / max(1, sum(mask))} over all entries (a scalar). */
    static NDArray maskedMean(NDArray values, NDArray mask) {
        return values.mul(mask).sum().div(Scalars.maximum(mask.sum(), 1f));
    }

    /** Mean binary cross-entropy of {@code logits} against 0/1 {@code targets}, computed stably. */
    static NDArray binaryCrossEntropy(NDArray logits, NDArray targets) {
        // max(x, 0) - x y + log(1 + exp(-|x|))
        return Scalars.maximum(logits, 0).sub(logits.mul(targets)).add(logits.abs().neg().exp().add(1).log()).mean();
    }
}
