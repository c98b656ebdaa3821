package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ambidex.tensor.Scalars;

/**
 * The v2 reference's training loss ({@code calculate_loss}, SEED_SPEC E.2), every term summed over the batch and
 * the four stages (initial and three refinements) and divided by the batch size:
 * <ul>
 *   <li>{@code offset} (x1): squared error of the left-minus-right joint offsets in each hand's normalised frame
 *       (the prediction's left hand brought into the right frame by the placement, and the right into the left);</li>
 *   <li>{@code consis} (x1e-2): squared difference of the two hands' betas on interacting samples;</li>
 *   <li>{@code joint} (x10): L1 of the normalised joints (middle MCP at the origin; length |J4 - J0| of the
 *       predicted T-pose, of the posed ground truth);</li>
 *   <li>{@code bone} (x100): squared error of the normalised bone lengths (the prediction's from its T-pose);</li>
 *   <li>{@code shape} (x0.1): squared error to the annotated betas where the hand is present with MANO;</li>
 *   <li>{@code regularizer} (x0.1): {@code sum betas^2 + 0.1 sum pose[3:]^2} (the reference's slice of the
 *       concatenated right-then-left pose, so the left hand's global rotation counts).</li>
 * </ul>
 * Joints in the v2 order (smplx's 16, then the tips), right hand 0-20, left 21-41, mm.
 */
public final class ZhangLoss {

    /** Middle MCP and wrist of each hand's block of 21 and of 16. */
    private static final int ROOT = 4;
    private static final int WRIST = 0;
    /** Bone chains per level (wrist; base, middle, last joints of thumb, index, middle, ring, pinky). */
    private static final int[][] LEVELS = {{0, 0, 0, 0, 0}, {13, 1, 4, 10, 7}, {14, 2, 5, 11, 8}, {15, 3, 6, 12, 9}};

    private ZhangLoss() {
    }

    /**
     * Ground truth of a batch.
     *
     * @param joints {@code (B, 42, 3)} mm, v2 joint order, both hands
     * @param handType {@code (B, 2)} 1 where the right / left hand is present
     * @param betas {@code (B, 20)} annotated betas, right then left
     * @param jointValid {@code (B, 42)} 1 where a joint is annotated
     * @param manoValid {@code (B, 2)} 1 where the right / left hand has MANO parameters
     */
    public record Targets(NDArray joints, NDArray handType, NDArray betas, NDArray jointValid, NDArray manoValid) {
    }

    /**
     * The loss terms for the network's outputs.
     *
     * @param out {@link ZhangNet}'s output for the batch
     * @return the six weighted terms as scalars, by the reference's names, in its order
     */
    public static Map<String, NDArray> terms(NDList out, Targets gt) {
        NDList joints = new NDList();
        NDList tpose = new NDList();
        NDList shapes = new NDList();
        NDList poses = new NDList();
        for (int s = 0; s <= MeshReg.STAGES; s++) {
            joints.add(both(out, s, MeshReg.JOINTS));
            tpose.add(both(out, s, MeshReg.TPOSE));
            shapes.add(both(out, s, MeshReg.SHAPE));
            poses.add(both(out, s, MeshReg.POSE));
        }
        NDArray j = NDArrays.stack(joints, 1); // (B,S,42,3)
        NDArray t = NDArrays.stack(tpose, 1); // (B,S,32,3)
        NDArray shape = NDArrays.stack(shapes, 1); // (B,S,20)
        NDArray pose = NDArrays.stack(poses, 1); // (B,S,96)
        NDArray trans = out.get(0); // (B,4)
        long b = j.getShape().get(0);

        NDArray g = gt.joints();
        NDArray gtLenR = norm(g.get(":, " + ROOT + ", :").sub(g.get(":, " + WRIST + ", :"))); // (B)
        NDArray gtLenL = norm(g.get(":, " + (21 + ROOT) + ", :").sub(g.get(":, " + (21 + WRIST) + ", :")));
        NDArray gtR = g.sub(g.get(":, " + ROOT + ":" + (ROOT + 1) + ", :")).div(gtLenR.reshape(b, 1, 1));
        NDArray gtL = g.sub(g.get(":, " + (21 + ROOT) + ":" + (22 + ROOT) + ", :")).div(gtLenL.reshape(b, 1, 1));
        NDArray gtOffR = gtR.get(":, 21:, :").sub(gtR.get(":, :21, :"));
        NDArray gtOffL = gtL.get(":, 21:, :").sub(gtL.get(":, :21, :"));
        NDArray gtBoneR = bones(gtR.get(":, :21, :"), 2);
        NDArray gtBoneL = bones(gtL.get(":, 21:, :"), 2);

        NDArray lenR = Scalars.maximum(norm(t.get(":, :, " + ROOT + ", :")
            .sub(t.get(":, :, " + WRIST + ", :"))), 1e-8f);
        NDArray lenL = Scalars.maximum(norm(t.get(":, :, " + (16 + ROOT) + ", :")
            .sub(t.get(":, :, " + (16 + WRIST) + ", :"))), 1e-8f); // (B,S)
        NDArray tR = t.get(":, :, :16, :").div(lenR.expandDims(2).expandDims(3));
        NDArray tL = t.get(":, :, 16:, :").div(lenL.expandDims(2).expandDims(3));
        NDArray jR = j.get(":, :, :21, :").sub(j.get(":, :, " + ROOT + ":" + (ROOT + 1) + ", :"))
            .div(lenR.expandDims(2).expandDims(3));
        NDArray jL = j.get(":, :, 21:, :").sub(j.get(":, :, " + (21 + ROOT) + ":" + (22 + ROOT) + ", :"))
            .div(lenL.expandDims(2).expandDims(3));
        NDArray logScale = trans.get(":, 0:1").reshape(b, 1, 1, 1);
        NDArray shift = trans.get(":, 1:").reshape(b, 1, 1, 3);
        NDArray leftInRight = jL.add(shift).mul(logScale.exp());
        NDArray rightInLeft = jR.mul(logScale.neg().exp()).sub(shift);
        NDArray offR = leftInRight.sub(jR);
        NDArray offL = jL.sub(rightInLeft);
        NDArray boneR = bones(tR, 3);
        NDArray boneL = bones(tL, 3);

        NDArray valid = gt.jointValid(); // (B,42)
        NDArray validR = valid.get(":, :21");
        NDArray validL = valid.get(":, 21:");
        NDArray offsetValid = validR.mul(validL).reshape(b, 1, 21, 1);
        NDArray both = gt.handType().get(":, 0").mul(gt.handType().get(":, 1")).reshape(b, 1, 1);
        NDArray boneValidR = boneValid(validR, b);
        NDArray boneValidL = boneValid(validL, b);
        NDArray shapeValid = gt.handType().mul(gt.manoValid()); // (B,2)

        float n = b;
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("offset", Scalars.div(offR.sub(gtOffR.expandDims(1)).mul(offsetValid).square().sum()
            .add(offL.sub(gtOffL.expandDims(1)).mul(offsetValid).square().sum()), n));
        terms.put("consis", Scalars.mul(Scalars.div(
            shape.get(":, :, :10").sub(shape.get(":, :, 10:")).mul(both).square().sum(), n), 1e-2f));
        terms.put("joint", Scalars.mul(Scalars.div(
            jR.sub(gtR.get(":, :21, :").expandDims(1)).mul(validR.reshape(b, 1, 21, 1)).abs().sum()
                .add(jL.sub(gtL.get(":, 21:, :").expandDims(1)).mul(validL.reshape(b, 1, 21, 1)).abs().sum()), n),
            10f));
        terms.put("bone", Scalars.mul(Scalars.div(boneR.sub(gtBoneR.expandDims(1)).mul(boneValidR).square().sum()
            .add(boneL.sub(gtBoneL.expandDims(1)).mul(boneValidL).square().sum()), n), 100f));
        NDArray betas = gt.betas();
        terms.put("shape", Scalars.mul(Scalars.div(shape.get(":, :, :10").sub(betas.get(":, :10").expandDims(1))
            .mul(shapeValid.get(":, 0:1").reshape(b, 1, 1)).square().sum()
            .add(shape.get(":, :, 10:").sub(betas.get(":, 10:").expandDims(1))
                .mul(shapeValid.get(":, 1:2").reshape(b, 1, 1)).square().sum()), n), 0.1f));
        terms.put("regularizer", Scalars.mul(Scalars.div(
            shape.square().sum().add(Scalars.mul(pose.get(":, :, 3:").square().sum(), 0.1f)), n), 0.1f));
        return terms;
    }

    /** Right then left hand's {@code what} at {@code stage}, joined on the joint (or parameter) axis. */
    private static NDArray both(NDList out, int stage, int what) {
        return out.get(MeshReg.index(stage, 0, what)).concat(out.get(MeshReg.index(stage, 1, what)), 1);
    }

    /** Euclidean length along the last axis. */
    private static NDArray norm(NDArray x) {
        return x.square().sum(new int[] {x.getShape().dimension() - 1}).sqrt();
    }

    /** Bone lengths {@code (..., 3, 5)} between consecutive levels of {@code joints (..., J, 3)} (joint axis {@code axis}). */
    private static NDArray bones(NDArray joints, int axis) {
        NDList lengths = new NDList();
        for (int level = 1; level < LEVELS.length; level++) {
            NDList fingers = new NDList();
            for (int f = 0; f < 5; f++) {
                NDArray a = pick(joints, axis, LEVELS[level][f]);
                NDArray p = pick(joints, axis, LEVELS[level - 1][f]);
                fingers.add(a.sub(p).square().sum(new int[] {-1}).sqrt());
            }
            lengths.add(NDArrays.stack(fingers, -1));
        }
        return NDArrays.stack(lengths, -2);
    }

    private static NDArray pick(NDArray joints, int axis, int index) {
        String prefix = ":, ".repeat(axis - 1);
        return joints.get(prefix + index);
    }

    /** {@code valid[level] * valid[level - 1]} per bone, {@code (B, 1, 3, 5)}. */
    private static NDArray boneValid(NDArray valid, long b) {
        NDArray v = valid.expandDims(2); // (B,21,1) so pick works on axis 1
        return bones01(v).reshape(b, 1, 3, 5);
    }

    private static NDArray bones01(NDArray valid) {
        NDList rows = new NDList();
        for (int level = 1; level < LEVELS.length; level++) {
            NDList fingers = new NDList();
            for (int f = 0; f < 5; f++) {
                fingers.add(valid.get(":, " + LEVELS[level][f]).mul(valid.get(":, " + LEVELS[level - 1][f])));
            }
            rows.add(NDArrays.stack(fingers, 1));
        }
        return NDArrays.stack(rows, 1);
    }
}
