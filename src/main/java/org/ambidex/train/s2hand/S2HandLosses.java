package org.ambidex.train.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import org.ambidex.tensor.Scalars;

/**
 * S2HAND's self-supervised loss terms that need no renderer, each multiplied by its reference weight. Joints are in
 * the OpenPose/FreiHAND order; B is the batch size. Every term is a scalar array differentiable with respect to the
 * predictions.
 *
 * <ul>
 *   <li>{@link #keypoints}: {@code open_2dj}, the detected 2-D keypoints' reprojection error, robust (quadratic below
 *       5 px, linear above), weighted by the squared detection confidence times 2 (wrist) or 1.5 (tips);
 *   <li>{@link #boneDirections}: {@code open_bone_direc}, squared distance of each bone's unit 2-D direction to the
 *       detected one, weighted by the product of its two joints' confidences;
 *   <li>{@link #meanScale}: {@code mscale}, L1 of the middle finger's MCP-PIP length to 0.0282 m;
 *   <li>{@link #shape}: {@code mshape}, mean squared shape coefficient;
 *   <li>{@link #poseLimits}: {@code tsa_poses}, how far each axis-angle component of the 16 MANO joint rotations
 *       lies outside its range (twice for the third component);
 *   <li>{@link #laplacian}: {@code triangle}, the mean length of the cotangent Laplacian of each vertex, the
 *       Laplacian built from the first mesh of the batch (held constant, as the reference's is).
 * </ul>
 */
public final class S2HandLosses {

    /** Reference weights ({@code lambda_*} defaults of S2HAND's options). */
    public static final double KEYPOINTS_WEIGHT = 1e-3;
    public static final double BONE_DIRECTION_WEIGHT = 0.1;
    public static final double MEAN_SCALE_WEIGHT = 0.1;
    public static final double SHAPE_WEIGHT = 1e-2;
    public static final double POSE_WEIGHT = 0.1;
    public static final double LAPLACIAN_WEIGHT = 0.1;

    /** Where the robust distance turns from quadratic to linear, pixels. */
    static final double ROBUST_KNEE = 5;
    /** The middle finger's MCP-PIP length the mean scale term asks for, metres. */
    static final double MIDDLE_BONE = 0.0282;
    /** Joint weights of the keypoint term: wrist 2, fingertips 1.5. */
    static final float[] JOINT_WEIGHTS = {2, 1, 1, 1, 1.5f, 1, 1, 1, 1.5f, 1, 1, 1, 1.5f, 1, 1, 1, 1.5f, 1, 1, 1, 1.5f};

    private static final double DEG = Math.PI / 180;
    /** Lower and upper limits of the 16 joints' axis-angle components (root, then index, middle, pinky, ring, thumb). */
    private static final double[][] LOWER = limits(false);
    private static final double[][] UPPER = limits(true);

    private S2HandLosses() {
    }

    /**
     * @param projected predicted joints projected to the input, pixels (B, 21, 2)
     * @param detected detected keypoints, pixels (B, 21, 2)
     * @param confidence detection confidences (B, 21)
     */
    public static NDArray keypoints(NDArray projected, NDArray detected, NDArray confidence) {
        NDArray robust = robust(norm(projected.sub(detected), 2, false)); // (B,21)
        NDArray w = confidence.mul(confidence.getManager().create(JOINT_WEIGHTS)).square();
        return Scalars.mul(robust.mul(w).sum().div(w.sum()), (float) KEYPOINTS_WEIGHT);
    }

    /**
     * The reference's robust distance: {@code d^2 / 10} below {@link #ROBUST_KNEE} pixels, {@code d - 2.5} above
     * (continuous, with a continuous slope at the knee).
     */
    static NDArray robust(NDArray d) {
        return NDArrays.where(d.lt((float) ROBUST_KNEE), Scalars.div(d.square(), (float) (2 * ROBUST_KNEE)),
            d.sub(Scalars.of(d, (float) (ROBUST_KNEE / 2))));
    }

    /** The bones' directions compared with the detected ones (same arguments as {@link #keypoints}). */
    public static NDArray boneDirections(NDArray projected, NDArray detected, NDArray confidence) {
        NDManager m = projected.getManager();
        NDArray parents = m.create(parentIndex());
        NDArray children = m.create(childIndex());
        NDArray mine = unitBones(projected, parents, children);
        NDArray theirs = unitBones(detected, parents, children);
        NDArray conf = confidence.get(new NDIndex(":, {}", parents)).mul(confidence.get(new NDIndex(":, {}", children)));
        return Scalars.mul(mine.sub(theirs).square().sum(new int[] {2}).mul(conf).mean(),
            (float) BONE_DIRECTION_WEIGHT);
    }

    private static NDArray unitBones(NDArray joints, NDArray parents, NDArray children) {
        NDArray bones = joints.get(new NDIndex(":, {}", children)).sub(joints.get(new NDIndex(":, {}", parents)));
        return bones.div(norm(bones, 2, true).add(1e-4f));
    }

    /** @param joints predicted camera-frame joints, metres (B, 21, 3) */
    public static NDArray meanScale(NDArray joints) {
        NDArray bone = norm(joints.get(":, 9").sub(joints.get(":, 10")), 1, false);
        return Scalars.mul(bone.sub((float) MIDDLE_BONE).abs().mean(), (float) MEAN_SCALE_WEIGHT);
    }

    /** @param betas predicted shape coefficients (B, 10) */
    public static NDArray shape(NDArray betas) {
        return Scalars.mul(betas.square().mean(), (float) SHAPE_WEIGHT);
    }

    /** @param poses the 16 MANO joint rotations as axis-angles, root first (B, 16, 3) */
    public static NDArray poseLimits(NDArray poses) {
        NDManager m = poses.getManager();
        NDArray lower = m.create(flat(LOWER)).reshape(1, 16, 3).toType(poses.getDataType(), false);
        NDArray upper = m.create(flat(UPPER)).reshape(1, 16, 3).toType(poses.getDataType(), false);
        NDArray outside = Activation.relu(poses.sub(upper)).add(Activation.relu(lower.sub(poses)));
        NDArray axisWeights = m.create(new float[] {1, 1, 2}).toType(poses.getDataType(), false);
        return Scalars.mul(outside.mul(axisWeights).mean(), (float) POSE_WEIGHT);
    }

    /**
     * @param vertices predicted meshes (B, V, 3)
     * @param faces the mesh's triangles, F x 3 packed vertex indices
     */
    public static NDArray laplacian(NDArray vertices, int[] faces) {
        int v = (int) vertices.getShape().get(1);
        float[] first = vertices.get("0").toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[] l = cotangentLaplacian(first, faces, v);
        NDArray lap = vertices.getManager().create(l, new ai.djl.ndarray.types.Shape(v, v))
            .toType(vertices.getDataType(), false);
        NDArray lx = lap.matMul(vertices); // (B, V, 3)
        return Scalars.mul(norm(lx, 2, false).mean(), (float) LAPLACIAN_WEIGHT);
    }

    /**
     * The V x V cotangent Laplacian of a mesh: for each triangle and each of its corners, half the cotangent of the
     * corner's angle links the two other corners (both ways); each diagonal entry is minus its row's sum.
     */
    static float[] cotangentLaplacian(float[] positions, int[] faces, int v) {
        double[] l = new double[v * v];
        for (int f = 0; f < faces.length; f += 3) {
            int[] c = {faces[f], faces[f + 1], faces[f + 2]};
            double[] side = new double[3]; // side k is opposite corner k
            for (int k = 0; k < 3; k++) {
                side[k] = distance(positions, c[(k + 1) % 3], c[(k + 2) % 3]);
            }
            double s = (side[0] + side[1] + side[2]) / 2;
            double doubleArea = 2 * Math.sqrt(s * (s - side[0]) * (s - side[1]) * (s - side[2]));
            for (int k = 0; k < 3; k++) {
                double a = side[k];
                double b = side[(k + 1) % 3];
                double cc = side[(k + 2) % 3];
                // (b^2 + c^2 - a^2) / (4 * area) is cot(angle at k); the reference divides by twice that.
                double w = (b * b + cc * cc - a * a) / doubleArea / 4;
                int i = c[(k + 1) % 3];
                int j = c[(k + 2) % 3];
                l[i * v + j] += w;
                l[j * v + i] += w;
            }
        }
        float[] out = new float[v * v];
        for (int i = 0; i < v; i++) {
            double row = 0;
            for (int j = 0; j < v; j++) {
                row += l[i * v + j];
            }
            l[i * v + i] -= row;
            for (int j = 0; j < v; j++) {
                out[i * v + j] = (float) l[i * v + j];
            }
        }
        return out;
    }

    private static double distance(float[] p, int a, int b) {
        double dx = p[3 * a] - p[3 * b];
        double dy = p[3 * a + 1] - p[3 * b + 1];
        double dz = p[3 * a + 2] - p[3 * b + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /**
     * The Euclidean norm along {@code axis}, with a tiny floor (1e-12 under the root) so that a zero vector has a
     * zero gradient rather than NaN (the plain square root's derivative is infinite there; torch's norm returns 0).
     */
    static NDArray norm(NDArray x, int axis, boolean keepDims) {
        return x.square().sum(new int[] {axis}, keepDims).add(1e-12f).sqrt();
    }

    /** Each bone's parent joint in the OpenPose order: the wrist for a finger's first joint, else the joint before. */
    private static int[] parentIndex() {
        int[] p = new int[20];
        for (int c = 1; c <= 20; c++) {
            p[c - 1] = (c - 1) % 4 == 0 ? 0 : c - 1;
        }
        return p;
    }

    private static int[] childIndex() {
        int[] c = new int[20];
        for (int i = 0; i < 20; i++) {
            c[i] = i + 1;
        }
        return c;
    }

    private static double[] flat(double[][] a) {
        double[] out = new double[a.length * 3];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, 3 * i, 3);
        }
        return out;
    }

    /**
     * The reference's ranges, radians. Root: about its fixed (pi, 0, 0). Fingers: +-5 degrees on the first axis,
     * +-5 degrees on the second (+-10 at the index, middle and ring base, -10..+20 at the pinky base; the pinky base's
     * first axis -20..+5), -10..+100 degrees on the third. Thumb base 0..90 degrees, -pi/8..3pi/16, +-pi/8; thumb
     * middle +-5, +-5, +-pi/8; thumb tip +-5, +-5, -20..+100 degrees.
     */
    private static double[][] limits(boolean upper) {
        double[][] out = new double[16][];
        out[0] = upper ? new double[] {3.15, 0.01, 0.01} : new double[] {3.13, -0.01, -0.01};
        for (int finger = 0; finger < 4; finger++) {
            for (int level = 0; level < 3; level++) {
                double second = level == 0 ? (finger == 2 && upper ? 20 : 10) : 5;
                double first = finger == 2 && level == 0 && !upper ? 20 : 5;
                out[1 + 3 * finger + level] = upper ? new double[] {5 * DEG, second * DEG, 100 * DEG}
                    : new double[] {-first * DEG, -second * DEG, -10 * DEG};
            }
        }
        out[13] = upper ? new double[] {90 * DEG, 3 * Math.PI / 16, Math.PI / 8}
            : new double[] {0, -Math.PI / 8, -Math.PI / 8};
        out[14] = upper ? new double[] {5 * DEG, 5 * DEG, Math.PI / 8} : new double[] {-5 * DEG, -5 * DEG, -Math.PI / 8};
        out[15] = upper ? new double[] {5 * DEG, 5 * DEG, 100 * DEG} : new double[] {-5 * DEG, -5 * DEG, -20 * DEG};
        return out;
    }
}
