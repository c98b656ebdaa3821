package org.ambidex.train.internet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.ambidex.tensor.Scalars;

/**
 * InterNet's training losses (SEED_SPEC B.5), each reduced to a mean and summed with weight 1:
 * <ul>
 *   <li>{@code joint_heatmap}: {@code (pred - target)^2 * joint_valid[j]}, averaged over all {@code B x 42 x D x H x W}
 *       elements, with the Gaussian target of {@link #targetHeatmaps};</li>
 *   <li>{@code rel_root_depth}: {@code |pred - target| * root_valid} in bins, batch mean;</li>
 *   <li>{@code hand_type}: binary cross entropy of each of the two sigmoid outputs (logarithms clamped at -100 as
 *       PyTorch's {@code BCELoss}), mean over the two, times {@code hand_type_valid}, batch mean.</li>
 * </ul>
 */
public final class InterNetLoss {

    /** Width of the target Gaussians, heatmap cells ({@code cfg.sigma}). */
    public static final double SIGMA = 2.5;
    /** Peak of the target Gaussians. */
    public static final double PEAK = 255;

    private InterNetLoss() {
    }

    /**
     * The three loss terms.
     *
     * @param heatmap rel_root and hand_type: the network's outputs {@code (B,42,D,H,W)}, {@code (B,1)}, {@code (B,2)}
     * @param targets the batch's targets
     */
    public static Terms compute(NDList outputs, InterNetBatch targets) {
        NDArray heat = outputs.get(0);
        NDArray root = outputs.get(1);
        NDArray hand = outputs.get(2);
        long[] s = heat.getShape().getShape();
        NDArray target = targetHeatmaps(targets.jointCoord(), (int) s[2], (int) s[3], (int) s[4]);
        NDArray valid = targets.jointValid().reshape(s[0], s[1], 1, 1, 1);
        NDArray difference = heat.sub(target);
        // The subtraction's backward pass does not need the target: free its B x 42 x 64^3 floats now.
        target.close();
        NDArray heatLoss = difference.square().mul(valid).mean();
        NDArray rootLoss = root.sub(targets.relRootDepth()).abs().mul(targets.rootValid()).mean();
        NDArray t = targets.handType();
        NDArray logP = Scalars.maximum(hand.log(), -100f);
        NDArray log1mP = Scalars.maximum(hand.neg().add(1f).log(), -100f);
        NDArray bce = t.mul(logP).add(t.neg().add(1f).mul(log1mP)).neg().mean(new int[] {1});
        NDArray handLoss = bce.mul(targets.handTypeValid()).mean();
        return new Terms(heatLoss, rootLoss, handLoss);
    }

    /**
     * The target heatmaps {@code (B, J, depth, height, width)}: {@code 255 exp(-((X-x)/s)^2/2 - ((Y-y)/s)^2/2 -
     * ((Z-z)/s)^2/2)} with {@code s = 2.5} on the integer grid, {@code (x, y, z)} the joint's continuous position in
     * cells (x along width, y along height, z along depth), computed in float32 as the reference does on its GPU.
     *
     * @param coords {@code (B, J, 3)} joint positions in heatmap cells
     */
    public static NDArray targetHeatmaps(NDArray coords, int depth, int height, int width) {
        long b = coords.getShape().get(0);
        long j = coords.getShape().get(1);
        NDManager owner = coords.getManager();
        // The intermediates are as large as the result (B x J x D x H x W); a scope of their own frees them here
        // instead of when the whole step ends.
        try (NDManager m = owner.newSubManager()) {
            NDArray c = coords.duplicate();
            c.attach(m);
            NDArray x = c.get(":, :, 0").reshape(b, j, 1, 1, 1);
            NDArray y = c.get(":, :, 1").reshape(b, j, 1, 1, 1);
            NDArray z = c.get(":, :, 2").reshape(b, j, 1, 1, 1);
            NDArray xs = m.arange(width).toType(DataType.FLOAT32, false).reshape(1, 1, 1, 1, width);
            NDArray ys = m.arange(height).toType(DataType.FLOAT32, false).reshape(1, 1, 1, height, 1);
            NDArray zs = m.arange(depth).toType(DataType.FLOAT32, false).reshape(1, 1, depth, 1, 1);
            float sigma = (float) SIGMA;
            NDArray ex = Scalars.div(Scalars.div(xs.sub(x), sigma).square(), 2f);
            NDArray ey = Scalars.div(Scalars.div(ys.sub(y), sigma).square(), 2f);
            NDArray ez = Scalars.div(Scalars.div(zs.sub(z), sigma).square(), 2f);
            NDArray heatmap = Scalars.mul(ex.neg().sub(ey).sub(ez).exp(), (float) PEAK);
            heatmap.attach(owner);
            return heatmap;
        }
    }

    /**
     * The loss terms of one batch (0-d arrays).
     *
     * @param heatmap the joint-heatmap term
     * @param rootDepth the relative-root-depth term
     * @param handType the hand-type term
     */
    public record Terms(NDArray heatmap, NDArray rootDepth, NDArray handType) {

        /** Their sum, the optimised loss. */
        public NDArray total() {
            return heatmap.add(rootDepth).add(handType);
        }
    }
}
