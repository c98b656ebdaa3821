package org.ambidex.fit;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.JointOrder;

/**
 * The hand model reduced to its 21 keypoints: the forward kinematics of the 16 joints and the linear blend
 * skinning of only the 5 fingertip vertices ({@link FingertipSet#INTAGHAND}, or the model's own tips), with the
 * analytic Jacobian of every keypoint with respect to the root rotation, the 45 local joint rotations and the
 * betas. This is what the fitter evaluates at every iteration, instead of the whole mesh.
 *
 * <p>Keypoints are kept in {@link JointOrder#MANO16_TIPS} order (16 joints, then the thumb..pinky tips), metres,
 * without translation. Jacobian columns: {@code 0..2} a small rotation {@code delta} applied on the left of the
 * root rotation ({@code exp(delta) R_root}, camera-frame axes), then per joint {@code k = 1..15} the three
 * anatomical angles ({@code 3 + 3(k-1) + axis}), then the betas ({@code 48 + l}).
 */
final class KeypointSkeleton {

    static final int JOINTS = HandModel.JOINTS;
    static final int TIPS = 5;
    static final int KEYPOINTS = JOINTS + TIPS;
    static final int ROTATION_COLUMNS = 3 * JOINTS;

    private final ModelArrays model;
    private final int shapes;
    private final int columns;
    private final int[] parents;
    /** {@code [m][k]}: joint m is k or one of its ancestors. */
    private final boolean[][] chain;
    private final double[] tipTemplate;
    private final double[] tipShapes;
    /** (5, 3, 135) pose blend shapes of the tips, or null when all are zero. */
    private final double[] tipPoseBlend;
    private final double[] tipWeights;
    private final int[][] tipJoints;
    /** Per keypoint, the Jacobian columns that can be non-zero, ascending. */
    private final int[][] keypointColumns;

    KeypointSkeleton(ModelArrays model, int[] tipVertices) {
        this.model = model;
        shapes = model.shapeCount;
        columns = ROTATION_COLUMNS + shapes;
        parents = model.parents;
        chain = new boolean[JOINTS][JOINTS];
        for (int k = 0; k < JOINTS; k++) {
            for (int m = k; m >= 0; m = parents[m]) {
                chain[m][k] = true;
            }
        }
        tipTemplate = new double[TIPS * 3];
        tipShapes = new double[TIPS * 3 * shapes];
        tipWeights = new double[TIPS * JOINTS];
        tipJoints = new int[TIPS][];
        boolean anyBlend = false;
        for (int t = 0; t < TIPS; t++) {
            int v = tipVertices[t];
            System.arraycopy(model.template, 3 * v, tipTemplate, 3 * t, 3);
            System.arraycopy(model.shapedirs, 3 * v * shapes, tipShapes, 3 * t * shapes, 3 * shapes);
            System.arraycopy(model.weights, JOINTS * v, tipWeights, JOINTS * t, JOINTS);
            tipJoints[t] = IntStream.range(0, JOINTS).filter(j -> model.weights[JOINTS * v + j] != 0)
                .toArray();
            anyBlend |= model.hasPoseBlend(v);
        }
        int n = 3 * HandModel.POSE_FEATURES;
        if (anyBlend) {
            tipPoseBlend = new double[TIPS * n];
            for (int t = 0; t < TIPS; t++) {
                System.arraycopy(model.posedirs, tipVertices[t] * n, tipPoseBlend, t * n, n);
            }
        } else {
            tipPoseBlend = null;
        }
        keypointColumns = new int[KEYPOINTS][];
        for (int p = 0; p < KEYPOINTS; p++) {
            keypointColumns[p] = structuralColumns(p);
        }
    }

    /** Jacobian columns: 3 root + 45 joint angles + the betas. */
    int columns() {
        return columns;
    }

    int shapes() {
        return shapes;
    }

    /** The columns of keypoint {@code p}'s Jacobian rows that can be non-zero, ascending (shared; do not modify). */
    int[] columnsOf(int p) {
        return keypointColumns[p];
    }

    /** The rest keypoints (zero pose, zero betas), MANO16_TIPS order, metres. */
    double[] restKeypoints() {
        double[] out = new double[KEYPOINTS * 3];
        System.arraycopy(model.restJoints, 0, out, 0, JOINTS * 3);
        System.arraycopy(tipTemplate, 0, out, JOINTS * 3, TIPS * 3);
        return out;
    }

    private int[] structuralColumns(int p) {
        boolean[] used = new boolean[columns];
        Arrays.fill(used, 0, 3, true);
        Arrays.fill(used, ROTATION_COLUMNS, columns, true);
        if (p < JOINTS) {
            for (int m = parents[p]; m > 0; m = parents[m]) {
                Arrays.fill(used, 3 * m, 3 * m + 3, true);
            }
        } else {
            int t = p - JOINTS;
            for (int j : tipJoints[t]) {
                for (int m = j; m > 0; m = parents[m]) {
                    Arrays.fill(used, 3 * m, 3 * m + 3, true);
                }
            }
            if (tipPoseBlend != null) {
                Arrays.fill(used, 3, ROTATION_COLUMNS, true);
            }
        }
        return IntStream.range(0, columns).filter(c -> used[c]).toArray();
    }

    /** A new workspace for {@link #forward} and {@link #jacobian}. */
    Pose newPose() {
        return new Pose(shapes);
    }

    /**
     * Forward kinematics of the keypoints.
     *
     * @param root the root rotation (9, row-major)
     * @param local the rotations of joints 1..15 (15 x 9, row-major, rest frame)
     * @param betas the shape coefficients (S)
     */
    void forward(double[] root, double[] local, double[] betas, Pose out) {
        double[] rest = out.restJoints;
        for (int k = 0; k < JOINTS; k++) {
            for (int c = 0; c < 3; c++) {
                rest[3 * k + c] = model.restJoints[3 * k + c] + dot(model.restJointShapes, (3 * k + c) * shapes, betas);
            }
        }
        // The root's rotation first, then joints 1..15 from `local`: one buffer keeps the kinematics' layout.
        System.arraycopy(root, 0, out.rotations, 0, 9);
        System.arraycopy(local, 0, out.rotations, 9, 9 * (JOINTS - 1));
        ForwardKinematics.pose(parents, rest, out.rotations, out.global, out.position);
        System.arraycopy(out.position, 0, out.keypoints, 0, JOINTS * 3);
        for (int t = 0; t < TIPS; t++) {
            posedTip(t, local, betas, out);
        }
    }

    private void posedTip(int t, double[] local, double[] betas, Pose out) {
        double[] v = out.tipRest;
        for (int c = 0; c < 3; c++) {
            v[3 * t + c] = tipTemplate[3 * t + c] + dot(tipShapes, (3 * t + c) * shapes, betas);
        }
        if (tipPoseBlend != null) {
            int n = HandModel.POSE_FEATURES;
            for (int c = 0; c < 3; c++) {
                int row = (3 * t + c) * n;
                double sum = 0;
                for (int k = 1; k < JOINTS; k++) {
                    for (int e = 0; e < 9; e++) {
                        double feature = local[9 * (k - 1) + e] - (e % 4 == 0 ? 1 : 0);
                        sum += tipPoseBlend[row + 9 * (k - 1) + e] * feature;
                    }
                }
                v[3 * t + c] += sum;
            }
        }
        double[] blended = out.tipBlend;
        Arrays.fill(blended, 9 * t, 9 * t + 9, 0);
        int key = 3 * (JOINTS + t);
        Arrays.fill(out.keypoints, key, key + 3, 0);
        for (int j : tipJoints[t]) {
            double w = tipWeights[JOINTS * t + j];
            int y = 3 * (JOINTS * t + j);
            Mat3Buffers.apply(out.global, 9 * j, v[3 * t] - out.restJoints[3 * j], v[3 * t + 1] - out.restJoints[3 * j + 1],
                v[3 * t + 2] - out.restJoints[3 * j + 2], out.tipPerJoint, y);
            for (int c = 0; c < 3; c++) {
                out.tipPerJoint[y + c] += out.position[3 * j + c];
                out.keypoints[key + c] += w * out.tipPerJoint[y + c];
            }
            for (int e = 0; e < 9; e++) {
                blended[9 * t + e] += w * out.global[9 * j + e];
            }
        }
    }

    /**
     * The Jacobian of the keypoints at {@code pose} into {@code jac} (21 x 3 rows of {@link #columns()} values,
     * MANO16_TIPS order); only each keypoint's {@link #columnsOf structural columns} are written, the others must
     * hold zeros.
     *
     * @param local the rotations of joints 1..15 the pose was made with (15 x 9)
     * @param localAxes per joint 1..15 the three rotation axes of its angles at the current angles, rest frame
     *     (15 x 9: flexion, abduction, twist): {@code dR_k = [axis]x R_k d(angle)}
     */
    void jacobian(Pose pose, double[] local, double[] localAxes, double[] jac) {
        // Global axis of every angle: the parent's rotation applied to the local axis.
        double[] axis = pose.globalAxes;
        Arrays.fill(axis, 0, 9, 0);
        axis[0] = 1;
        axis[4] = 1;
        axis[8] = 1;
        for (int k = 1; k < JOINTS; k++) {
            for (int a = 0; a < 3; a++) {
                int o = 9 * (k - 1) + 3 * a;
                Mat3Buffers.apply(pose.global, 9 * parents[k], localAxes[o], localAxes[o + 1], localAxes[o + 2], axis,
                    9 * k + 3 * a);
            }
        }
        int width = columns;
        for (int p = 0; p < KEYPOINTS; p++) {
            for (int c = 0; c < 3; c++) {
                for (int col : keypointColumns[p]) {
                    jac[(3 * p + c) * width + col] = 0;
                }
            }
        }
        for (int k = 0; k < JOINTS; k++) {
            int row = 3 * k * width;
            for (int m = parents[k]; m >= 0; m = parents[m]) {
                addRotationColumns(axis, m, pose.position, 3 * k, pose.position, 3 * m, 1, jac, row, width);
            }
            // Rest positions are linear in the betas, and so are the posed joints for fixed rotations.
            jointShapeDerivative(pose, k);
            for (int l = 0; l < shapes; l++) {
                for (int c = 0; c < 3; c++) {
                    jac[row + c * width + ROTATION_COLUMNS + l] = pose.shapeDerivative[(3 * k + c) * shapes + l];
                }
            }
        }
        for (int t = 0; t < TIPS; t++) {
            tipJacobian(pose, t, local, localAxes, jac, 3 * (JOINTS + t) * width, width);
        }
    }

    /**
     * Columns of {@code dp/d(angles of joint m)} for a point p moving rigidly with joint m (weight w): each
     * angle's global axis crossed with the lever from joint m.
     */
    private static void addRotationColumns(double[] axis, int m, double[] point, int po, double[] position, int mo,
                                           double w, double[] jac, int row, int width) {
        double lx = point[po] - position[mo];
        double ly = point[po + 1] - position[mo + 1];
        double lz = point[po + 2] - position[mo + 2];
        for (int a = 0; a < 3; a++) {
            int o = 9 * m + 3 * a;
            int col = 3 * m + a;
            jac[row + col] += w * (axis[o + 1] * lz - axis[o + 2] * ly);
            jac[row + width + col] += w * (axis[o + 2] * lx - axis[o] * lz);
            jac[row + 2 * width + col] += w * (axis[o] * ly - axis[o + 1] * lx);
        }
    }

    /**
     * {@code shapeDerivative[(3k+c)S + l] = d position_k / d beta_l} for every l, by the kinematic recursion
     * (the parent's must be done).
     */
    private void jointShapeDerivative(Pose pose, int k) {
        double[] d = pose.shapeDerivative;
        double[] js = model.restJointShapes;
        int s = shapes;
        if (k == 0) {
            System.arraycopy(js, 0, d, 0, 3 * s);
            return;
        }
        int p = parents[k];
        double[] work = pose.shapeWork;
        for (int l = 0; l < s; l++) {
            Mat3Buffers.apply(pose.global, 9 * p, js[3 * k * s + l] - js[3 * p * s + l],
                js[(3 * k + 1) * s + l] - js[(3 * p + 1) * s + l], js[(3 * k + 2) * s + l] - js[(3 * p + 2) * s + l],
                work, 0);
            for (int c = 0; c < 3; c++) {
                d[(3 * k + c) * s + l] = work[c] + d[(3 * p + c) * s + l];
            }
        }
    }

    private void tipJacobian(Pose pose, int t, double[] local, double[] localAxes, double[] jac, int row, int width) {
        int s = shapes;
        double[] work = pose.shapeWork;
        for (int j : tipJoints[t]) {
            double w = tipWeights[JOINTS * t + j];
            int y = 3 * (JOINTS * t + j);
            for (int m = j; m >= 0; m = parents[m]) {
                addRotationColumns(pose.globalAxes, m, pose.tipPerJoint, y, pose.position, 3 * m, w, jac, row, width);
            }
            for (int l = 0; l < s; l++) {
                double x = tipShapes[(3 * t) * s + l] - model.restJointShapes[(3 * j) * s + l];
                double yy = tipShapes[(3 * t + 1) * s + l] - model.restJointShapes[(3 * j + 1) * s + l];
                double z = tipShapes[(3 * t + 2) * s + l] - model.restJointShapes[(3 * j + 2) * s + l];
                Mat3Buffers.apply(pose.global, 9 * j, x, yy, z, work, 0);
                for (int c = 0; c < 3; c++) {
                    jac[row + c * width + ROTATION_COLUMNS + l] += w * (work[c] + pose.shapeDerivative[(3 * j + c) * s + l]);
                }
            }
        }
        if (tipPoseBlend != null) {
            poseBlendColumns(pose, t, local, localAxes, jac, row, width);
        }
    }

    /**
     * The pose blend shapes' part of a tip's Jacobian: {@code dR_k = [axis]x R_k} changes the features
     * {@code R_k - I}, which move the tip's rest position, which the blended skinning rotation carries along.
     */
    private void poseBlendColumns(Pose pose, int t, double[] local, double[] localAxes, double[] jac, int row,
                                  int width) {
        int n = HandModel.POSE_FEATURES;
        double[] dr = pose.rotationWork;
        double[] moved = pose.shapeWork;
        for (int k = 1; k < JOINTS; k++) {
            for (int a = 0; a < 3; a++) {
                int o = 9 * (k - 1) + 3 * a;
                skewTimes(localAxes[o], localAxes[o + 1], localAxes[o + 2], local, 9 * (k - 1), dr);
                double[] rest = pose.shapeWork2;
                for (int c = 0; c < 3; c++) {
                    int base = (3 * t + c) * n + 9 * (k - 1);
                    double sum = 0;
                    for (int e = 0; e < 9; e++) {
                        sum += tipPoseBlend[base + e] * dr[e];
                    }
                    rest[c] = sum;
                }
                Mat3Buffers.apply(pose.tipBlend, 9 * t, rest[0], rest[1], rest[2], moved, 0);
                int col = 3 * k + a;
                for (int c = 0; c < 3; c++) {
                    jac[row + c * width + col] += moved[c];
                }
            }
        }
    }

    /** {@code out = [(x, y, z)]x m[mo..]} (9 values). */
    private static void skewTimes(double x, double y, double z, double[] m, int mo, double[] out) {
        for (int c = 0; c < 3; c++) {
            double m0 = m[mo + c];
            double m1 = m[mo + 3 + c];
            double m2 = m[mo + 6 + c];
            out[c] = -z * m1 + y * m2;
            out[3 + c] = z * m0 - x * m2;
            out[6 + c] = -y * m0 + x * m1;
        }
    }

    private static double dot(double[] a, int from, double[] b) {
        double sum = 0;
        for (int l = 0; l < b.length; l++) {
            sum += a[from + l] * b[l];
        }
        return sum;
    }

    /** The mutable state of one forward pass and the scratch of its Jacobian; one per thread. */
    static final class Pose {
        final double[] restJoints = new double[JOINTS * 3];
        final double[] rotations = new double[JOINTS * 9];
        final double[] global = new double[JOINTS * 9];
        final double[] position = new double[JOINTS * 3];
        final double[] tipRest = new double[TIPS * 3];
        final double[] tipPerJoint = new double[TIPS * JOINTS * 3];
        final double[] tipBlend = new double[TIPS * 9];
        /** Keypoints (21 x 3), MANO16_TIPS order, metres, no translation. */
        final double[] keypoints = new double[KEYPOINTS * 3];
        final double[] globalAxes = new double[JOINTS * 9];
        final double[] shapeDerivative;
        final double[] shapeWork = new double[3];
        final double[] shapeWork2 = new double[3];
        final double[] rotationWork = new double[9];

        private Pose(int shapes) {
            shapeDerivative = new double[JOINTS * 3 * Math.max(shapes, 1)];
        }
    }
}
