package org.ambidex.train.zhang;

import org.ambidex.hand.HandModel;
import org.ambidex.io.NdArray;
import org.ambidex.nets.StateEntry;
import org.ambidex.nets.zhang.ZhangModel;

/**
 * Writes hand models into the network's two smplx MANO layers ({@code mesh_reg.mano_layer.r.*}, {@code .l.*}), as
 * the reference's {@code MeshRegNet} builds them from MANO_RIGHT.pkl and MANO_LEFT.pkl: smplx's buffers
 * ({@code shapedirs}, {@code v_template}, {@code J_regressor}, {@code posedirs} as {@code (135, 778*3)},
 * {@code lbs_weights}, {@code parents} with -1 at the root, {@code faces_tensor}, {@code hand_mean},
 * {@code pose_mean = [0, 0, 0, hand_mean]}, the tip vertices smplx lists for MANO), the reference's
 * {@code beta2J = J_regressor . shapedirs} and {@code template_J = J_regressor . v_template}, and smplx's pose,
 * shape and translation parameters at zero. The left model's shape-direction fix is the loader's.
 */
public final class ZhangManoData {

    /** smplx's {@code VERTEX_IDS['mano']}: thumb, index, middle, ring, pinky (its selector; the forward uses none). */
    private static final long[] SMPLX_TIPS = {744, 320, 443, 554, 671};
    private static final String PREFIX = "mesh_reg.mano_layer.";

    private ZhangManoData() {
    }

    /**
     * Fills {@code model}'s MANO layers from {@code right} and {@code left}.
     *
     * @throws IllegalArgumentException when a model does not have MANO's sizes (778 vertices, 1538 faces, 10 shapes)
     */
    public static void fill(ZhangModel model, HandModel right, HandModel left) {
        model.network().stateEntries().forEach((name, e) -> {
            if (!name.startsWith(PREFIX)) {
                return;
            }
            String rest = name.substring(PREFIX.length());
            HandModel hand = rest.startsWith("r.") ? right : left;
            NdArray value = value(rest.substring(2), hand, e.shape());
            long n = count(e.shape());
            if (value.size() != n) {
                throw new IllegalArgumentException(name + " needs " + n + " values; the hand model " + hand.name()
                    + " gives " + value.size() + " (the network needs MANO's 778-vertex topology)");
            }
            e.write(e instanceof StateEntry.LongTensorEntry ? value : NdArray.ofFloats(e.shape(), value.toFloatArray()));
        });
    }

    private static NdArray value(String name, HandModel hand, int[] shape) {
        return switch (name) {
            case "shapedirs" -> hand.shapedirs();
            case "v_template" -> hand.vTemplate();
            case "J_regressor" -> hand.jRegressor();
            case "posedirs" -> posedirs(hand);
            case "lbs_weights" -> hand.weights();
            case "hand_mean" -> hand.handsMean();
            case "pose_mean" -> poseMean(hand);
            case "beta2J" -> beta2J(hand);
            case "template_J" -> templateJ(hand);
            case "faces_tensor" -> NdArray.ofLongs(new int[] {hand.faceCount(), 3}, hand.faces().toLongArray());
            case "parents" -> parents(hand, shape);
            case "vertex_joint_selector.extra_joints_idxs" -> NdArray.ofLongs(shape, SMPLX_TIPS.clone());
            // smplx's own parameters (betas, global_orient, body_pose, hand_pose, transl) start at zero
            default -> NdArray.ofFloats(shape, new float[Math.toIntExact(count(shape))]);
        };
    }

    /** MANO's {@code (V, 3, 135)} pose blend shapes as smplx stores them: reshaped to {@code (V*3, 135)}, transposed. */
    private static NdArray posedirs(HandModel hand) {
        float[] p = hand.posedirs().toFloatArray();
        int rows = p.length / HandModel.POSE_FEATURES;
        float[] t = new float[p.length];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < HandModel.POSE_FEATURES; f++) {
                t[f * rows + r] = p[r * HandModel.POSE_FEATURES + f];
            }
        }
        return NdArray.ofFloats(new int[] {HandModel.POSE_FEATURES, rows}, t);
    }

    private static NdArray poseMean(HandModel hand) {
        float[] mean = hand.handsMean().toFloatArray();
        float[] out = new float[3 + mean.length];
        System.arraycopy(mean, 0, out, 3, mean.length);
        return NdArray.ofFloats(new int[] {out.length}, out);
    }

    /** {@code beta2J[j, c, l] = sum_v J_regressor[j, v] shapedirs[v, c, l]}, float32 operands summed in double. */
    private static NdArray beta2J(HandModel hand) {
        float[] reg = hand.jRegressor().toFloatArray();
        float[] dirs = hand.shapedirs().toFloatArray();
        int v = hand.vertexCount();
        int shapes = hand.shapeCount();
        int joints = HandModel.JOINTS;
        float[] out = new float[joints * 3 * shapes];
        for (int j = 0; j < joints; j++) {
            for (int c = 0; c < 3; c++) {
                for (int l = 0; l < shapes; l++) {
                    double sum = 0;
                    for (int k = 0; k < v; k++) {
                        sum += (double) reg[j * v + k] * dirs[(k * 3 + c) * shapes + l];
                    }
                    out[(j * 3 + c) * shapes + l] = (float) sum;
                }
            }
        }
        return NdArray.ofFloats(new int[] {joints, 3, shapes}, out);
    }

    /** {@code template_J[j, c] = sum_v J_regressor[j, v] v_template[v, c]}. */
    private static NdArray templateJ(HandModel hand) {
        float[] reg = hand.jRegressor().toFloatArray();
        float[] t = hand.vTemplate().toFloatArray();
        int v = hand.vertexCount();
        float[] out = new float[HandModel.JOINTS * 3];
        for (int j = 0; j < HandModel.JOINTS; j++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (int k = 0; k < v; k++) {
                    sum += (double) reg[j * v + k] * t[k * 3 + c];
                }
                out[j * 3 + c] = (float) sum;
            }
        }
        return NdArray.ofFloats(new int[] {HandModel.JOINTS, 3}, out);
    }

    private static NdArray parents(HandModel hand, int[] shape) {
        int[] p = hand.parents();
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = i == 0 ? -1 : p[i];
        }
        return NdArray.ofLongs(shape, out);
    }

    private static long count(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
