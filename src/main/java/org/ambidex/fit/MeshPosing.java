package org.ambidex.fit;

import java.util.Arrays;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.JointOrder;

/**
 * The hand layer's forward pass (shape blend, Rodrigues rotations, pose blend, forward kinematics, linear blend
 * skinning, translation) for one hand in plain Java doubles, to pose the fitted mesh once without a DJL round
 * trip. It computes what {@code hand.HandLayer} computes in float64 (the tests hold it to 1e-9 m); skinning
 * weights are stored sparsely, and an all-zero pose blend (the open model's) is skipped.
 */
final class MeshPosing {

    private static final int J = HandModel.JOINTS;
    private static final int[] OPENPOSE_FROM_INTERNAL = JointOrder.OPENPOSE.gatherFrom(JointOrder.MANO16_TIPS);

    private final ModelArrays model;
    private final int[] tipVertices;
    private final boolean poseBlend;
    /** Per vertex, its non-zero skinning weights: joints {@code joints[start[v]..start[v+1])}. */
    private final int[] start;
    private final int[] joints;
    private final double[] weights;

    MeshPosing(ModelArrays model, int[] tipVertices) {
        this.model = model;
        this.tipVertices = tipVertices.clone();
        boolean any = false;
        for (double p : model.posedirs) {
            if (p != 0) {
                any = true;
                break;
            }
        }
        poseBlend = any;
        int v = model.vertexCount;
        start = new int[v + 1];
        int count = 0;
        for (double w : model.weights) {
            count += w != 0 ? 1 : 0;
        }
        joints = new int[count];
        weights = new double[count];
        int i = 0;
        for (int vi = 0; vi < v; vi++) {
            start[vi] = i;
            for (int k = 0; k < J; k++) {
                double w = model.weights[vi * J + k];
                if (w != 0) {
                    joints[i] = k;
                    weights[i++] = w;
                }
            }
        }
        start[v] = i;
    }

    /** Posed vertices (V x 3) and keypoints (21 x 3, OpenPose order, the model's tip vertices), metres. */
    record Posed(double[] vertices, double[] keypoints) {
    }

    /**
     * @param betas S shape coefficients
     * @param pose 48 axis-angle values: the global orientation, then joints 1..15 (hand mean included)
     * @param transl translation (3), metres
     */
    Posed pose(double[] betas, double[] pose, double[] transl) {
        int v = model.vertexCount;
        int s = model.shapeCount;
        double[] shaped = model.template.clone();
        for (int i = 0; i < 3 * v; i++) {
            double sum = 0;
            for (int l = 0; l < s; l++) {
                sum += model.shapedirs[i * s + l] * betas[l];
            }
            shaped[i] += sum;
        }
        double[] rest = model.restJoints.clone();
        for (int i = 0; i < 3 * J; i++) {
            for (int l = 0; l < s; l++) {
                rest[i] += model.restJointShapes[i * s + l] * betas[l];
            }
        }
        double[] rotations = new double[9 * J];
        for (int k = 0; k < J; k++) {
            Mat3Buffers.setRotation(pose, 3 * k, rotations, 9 * k);
        }
        if (poseBlend) {
            addPoseBlend(shaped, rotations);
        }
        double[] global = new double[9 * J];
        double[] position = new double[3 * J];
        ForwardKinematics.pose(model.parents, rest, rotations, global, position);
        double[] vertices = skin(shaped, rest, global, position, transl);
        double[] internal = new double[21 * 3];
        for (int k = 0; k < J; k++) {
            for (int c = 0; c < 3; c++) {
                internal[3 * k + c] = position[3 * k + c] + transl[c];
            }
        }
        for (int t = 0; t < 5; t++) {
            System.arraycopy(vertices, 3 * tipVertices[t], internal, 3 * (J + t), 3);
        }
        double[] keypoints = new double[21 * 3];
        for (int i = 0; i < 21; i++) {
            System.arraycopy(internal, 3 * OPENPOSE_FROM_INTERNAL[i], keypoints, 3 * i, 3);
        }
        return new Posed(vertices, keypoints);
    }

    private void addPoseBlend(double[] shaped, double[] rotations) {
        int n = HandModel.POSE_FEATURES;
        double[] feature = new double[n];
        for (int k = 1; k < J; k++) {
            for (int e = 0; e < 9; e++) {
                feature[9 * (k - 1) + e] = rotations[9 * k + e] - (e % 4 == 0 ? 1 : 0);
            }
        }
        for (int i = 0; i < shaped.length; i++) {
            double sum = 0;
            for (int f = 0; f < n; f++) {
                sum += model.posedirs[i * n + f] * feature[f];
            }
            shaped[i] += sum;
        }
    }

    /** Linear blend skinning: {@code v' = sum_k w_k (G_k v + (t_k - G_k J_k)) + transl}. */
    private double[] skin(double[] posed, double[] rest, double[] global, double[] position, double[] transl) {
        double[] shift = new double[3 * J];
        for (int k = 0; k < J; k++) {
            Mat3Buffers.apply(global, 9 * k, rest[3 * k], rest[3 * k + 1], rest[3 * k + 2], shift, 3 * k);
            for (int c = 0; c < 3; c++) {
                shift[3 * k + c] = position[3 * k + c] - shift[3 * k + c];
            }
        }
        int v = model.vertexCount;
        double[] out = new double[3 * v];
        double[] blend = new double[12];
        for (int vi = 0; vi < v; vi++) {
            Arrays.fill(blend, 0);
            for (int i = start[vi]; i < start[vi + 1]; i++) {
                int k = joints[i];
                double w = weights[i];
                for (int e = 0; e < 9; e++) {
                    blend[e] += w * global[9 * k + e];
                }
                for (int c = 0; c < 3; c++) {
                    blend[9 + c] += w * shift[3 * k + c];
                }
            }
            double x = posed[3 * vi];
            double y = posed[3 * vi + 1];
            double z = posed[3 * vi + 2];
            for (int c = 0; c < 3; c++) {
                out[3 * vi + c] = blend[3 * c] * x + blend[3 * c + 1] * y + blend[3 * c + 2] * z + blend[9 + c] + transl[c];
            }
        }
        return out;
    }
}
