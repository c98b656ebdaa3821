package org.ambidex.fit;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandJoint;
import org.ambidex.hand.JointOrder;

/**
 * The fitting cost of one hand as a {@link LeastSquaresProblem}: robust (Cauchy) residuals of the world landmark
 * positions and bone directions, robust reprojection residuals of the image landmarks, the pose-PCA prior and a
 * standard-normal prior on the betas, over the parameters of {@link FitLayout}. Which data terms take part is
 * fixed per instance ({@link Terms}); the priors always do. Holds its own workspace: one instance per fitting
 * call and thread.
 */
final class LandmarkObjective implements LeastSquaresProblem {

    /** The data terms of a stage. */
    enum Terms {
        /** World positions and bone directions: articulation, shape and orientation. */
        WORLD,
        /** Image landmarks only: the placement in the camera. */
        IMAGE,
        /** Both. */
        WORLD_AND_IMAGE;

        boolean world() {
            return this != IMAGE;
        }

        boolean image() {
            return this != WORLD;
        }
    }

    /** Below this depth (metres) a landmark counts as behind the camera and the parameters as inadmissible. */
    private static final double MIN_DEPTH = 1e-3;
    private static final int[][] BONES = bones();

    private final FitLayout layout;
    private final KeypointSkeleton skeleton;
    private final JointFrames frames;
    private final PcaPosePrior prior;
    private final FitOptions options;
    private final Terms terms;
    private final double[] world;
    private final double[] image;
    private final Intrinsics intrinsics;
    private final double[] jointWeights;
    private final double[] boneDirections;
    private final double[] boneLengths;
    private final int[][] worldColumns;
    private final int[][] imageColumns;
    private final int[][] boneColumns;
    private final boolean[] free;
    /** Whether any of the rotation, angles and betas is free (otherwise the keypoints' Jacobian is not needed). */
    private final boolean articulated;
    private final Range[] bounds;
    private final DepthPrior depthPrior;
    private final int[] depthColumns;
    // Workspace.
    private final KeypointSkeleton.Pose pose;
    private final double[] root = new double[9];
    private final double[] angles = new double[45];
    private final double[] betas;
    private final double[] local = new double[135];
    private final double[] angleAxes = new double[135];
    private final double[] composeWork = new double[JointFrames.workSize()];
    private final double[] jac;
    private final double[] rows;
    private final double[] residual = new double[3];
    private final double[] axisAngles = new double[45];
    private final double[] dPose = new double[135];
    private final double[] priorWork = new double[45];

    /**
     * @param world the world landmarks (21 x 3, metres) in {@link JointOrder#MANO16_TIPS} order
     * @param image the image landmarks (21 x 2, pixels) in {@link JointOrder#MANO16_TIPS} order
     * @param free the parameters the solver moves: the normal equations are only made for these
     * @param jointWeights per keypoint world-position weight, MANO16_TIPS order
     */
    LandmarkObjective(FitLayout layout, KeypointSkeleton skeleton, JointFrames frames, PcaPosePrior prior,
                      FitOptions options, Terms terms, boolean[] free, double[] world, double[] image,
                      Intrinsics intrinsics, double[] jointWeights) {
        this(layout, skeleton, frames, prior, options, terms, free, world, image, intrinsics, jointWeights,
            Range.FREE, null);
    }

    /**
     * As above, with the translation's depth (metres) kept within {@code depth} and the keypoints' mean depth in the
     * camera drawn towards {@code depthPrior} (none when null).
     */
    LandmarkObjective(FitLayout layout, KeypointSkeleton skeleton, JointFrames frames, PcaPosePrior prior,
                      FitOptions options, Terms terms, boolean[] free, double[] world, double[] image,
                      Intrinsics intrinsics, double[] jointWeights, Range depth, DepthPrior depthPrior) {
        this.layout = layout;
        this.depthPrior = depthPrior;
        this.bounds = layout.boundsWithDepth(depth);
        this.skeleton = skeleton;
        this.frames = frames;
        this.prior = prior;
        this.options = options;
        this.terms = terms;
        this.world = world;
        this.image = image;
        this.intrinsics = intrinsics;
        this.jointWeights = jointWeights;
        int n = layout.size();
        this.free = free.clone();
        boolean moving = false;
        for (int c = 0; c < skeleton.columns(); c++) {
            moving |= free[c];
        }
        articulated = moving;
        pose = skeleton.newPose();
        betas = new double[layout.shapes()];
        jac = new double[KeypointSkeleton.KEYPOINTS * 3 * skeleton.columns()];
        rows = new double[3 * n];
        worldColumns = new int[KeypointSkeleton.KEYPOINTS][];
        imageColumns = new int[KeypointSkeleton.KEYPOINTS][];
        for (int p = 0; p < KeypointSkeleton.KEYPOINTS; p++) {
            worldColumns[p] = freeOnly(withBlock(skeleton.columnsOf(p), layout.offset()));
            imageColumns[p] = freeOnly(withBlock(skeleton.columnsOf(p), layout.translation()));
        }
        // The keypoints' mean depth moves with every skeleton column and the translation's depth.
        depthColumns = depthPrior == null ? new int[0] : freeOnly(IntStream.concat(
            IntStream.range(0, skeleton.columns()), IntStream.of(layout.translation() + 2)).toArray());
        boneColumns = new int[BONES.length][];
        boneDirections = new double[3 * BONES.length];
        boneLengths = new double[BONES.length];
        for (int b = 0; b < BONES.length; b++) {
            int c = BONES[b][0];
            int p = BONES[b][1];
            boneColumns[b] = freeOnly(union(skeleton.columnsOf(c), skeleton.columnsOf(p)));
            Vec3 d = Vec3.of(world, 3 * c).minus(Vec3.of(world, 3 * p));
            boneLengths[b] = d.norm();
            System.arraycopy(d.normalized().toArray(), 0, boneDirections, 3 * b, 3);
        }
    }

    /** Child and parent of each bone of the 21-keypoint skeleton, as MANO16_TIPS indices. */
    private static int[][] bones() {
        int[][] out = new int[20][];
        int b = 0;
        for (HandJoint j : HandJoint.values()) {
            if (j.parent() != null) {
                out[b++] = new int[] {JointOrder.MANO16_TIPS.indexOf(j), JointOrder.MANO16_TIPS.indexOf(j.parent())};
            }
        }
        return out;
    }

    @Override
    public Range[] bounds() {
        return bounds;
    }

    @Override
    public void retract(double[] x, double[] step, double[] out) {
        // The root turns by exp(step) on the left (camera-frame axes), as the Jacobian's root columns assume.
        Mat3 turned = Rotations.axisAngleToMatrix(Vec3.of(step, FitLayout.ROOT))
            .times(Rotations.axisAngleToMatrix(Vec3.of(x, FitLayout.ROOT)));
        System.arraycopy(Rotations.matrixToAxisAngle(turned).toArray(), 0, out, FitLayout.ROOT, 3);
        for (int i = 3; i < x.length; i++) {
            out[i] = bounds[i].clamp(x[i] + step[i]);
        }
    }

    /** Poses the keypoints at {@code x} (into the workspace) and returns them (21 x 3, MANO16_TIPS, no translation). */
    double[] keypoints(double[] x) {
        Mat3Buffers.setRotation(x, FitLayout.ROOT, root, 0);
        System.arraycopy(x, FitLayout.ANGLES, angles, 0, 45);
        System.arraycopy(x, layout.betas(), betas, 0, betas.length);
        frames.compose(angles, local, angleAxes, composeWork);
        skeleton.forward(root, local, betas, pose);
        return pose.keypoints;
    }

    @Override
    public double evaluate(double[] x, NormalEquations normal) {
        double[] q = keypoints(x);
        if (normal != null) {
            normal.clear();
            if (articulated) {
                skeleton.jacobian(pose, local, angleAxes, jac);
            }
        }
        double cost = 0;
        if (terms.world()) {
            cost += worldPositions(x, q, normal) + boneDirections(q, normal);
        }
        if (terms.image()) {
            cost += imagePoints(x, q, normal);
        }
        if (depthPrior != null) {
            cost += meanDepth(x, q, normal);
        }
        NormalEquations priors = articulated ? normal : null;
        return cost + posePrior(priors) + shapePrior(priors);
    }

    private double worldPositions(double[] x, double[] q, NormalEquations normal) {
        double sigma = options.worldSigma();
        double scale = options.worldRobustScale() / sigma;
        int offset = layout.offset();
        double cost = 0;
        for (int p = 0; p < KeypointSkeleton.KEYPOINTS; p++) {
            double w = jointWeights[p];
            if (w == 0) {
                continue;
            }
            double s = 0;
            for (int c = 0; c < 3; c++) {
                residual[c] = (q[3 * p + c] - x[offset + c] - world[3 * p + c]) / sigma;
                s += residual[c] * residual[c];
            }
            cost += w * cauchy(s, scale);
            if (normal != null) {
                int n = layout.size();
                int width = skeleton.columns();
                for (int col : worldColumns[p]) {
                    boolean origin = col >= offset && col < offset + 3;
                    for (int c = 0; c < 3; c++) {
                        rows[c * n + col] = origin ? (col - offset == c ? -1 / sigma : 0)
                            : jac[(3 * p + c) * width + col] / sigma;
                    }
                }
                add(normal, worldColumns[p], 3, w * cauchyWeight(s, scale));
            }
        }
        return cost;
    }

    private double boneDirections(double[] q, NormalEquations normal) {
        double weight = options.boneWeight();
        if (weight == 0) {
            return 0;
        }
        double sigma = options.worldSigma();
        double scale = options.worldRobustScale() / sigma;
        int width = skeleton.columns();
        int n = layout.size();
        double cost = 0;
        for (int b = 0; b < BONES.length; b++) {
            int child = BONES[b][0];
            int parent = BONES[b][1];
            double length = boneLengths[b];
            if (length == 0) {
                continue;
            }
            double vx = q[3 * child] - q[3 * parent];
            double vy = q[3 * child + 1] - q[3 * parent + 1];
            double vz = q[3 * child + 2] - q[3 * parent + 2];
            double modelLength = Math.sqrt(vx * vx + vy * vy + vz * vz);
            double[] u = {vx / modelLength, vy / modelLength, vz / modelLength};
            double s = 0;
            for (int c = 0; c < 3; c++) {
                residual[c] = length * (u[c] - boneDirections[3 * b + c]) / sigma;
                s += residual[c] * residual[c];
            }
            cost += weight * cauchy(s, scale);
            if (normal != null) {
                // d u = (I - u u^T) d v / |v|, scaled like the residual.
                double f = length / (sigma * modelLength);
                for (int col : boneColumns[b]) {
                    double dx = jac[(3 * child) * width + col] - jac[(3 * parent) * width + col];
                    double dy = jac[(3 * child + 1) * width + col] - jac[(3 * parent + 1) * width + col];
                    double dz = jac[(3 * child + 2) * width + col] - jac[(3 * parent + 2) * width + col];
                    double along = u[0] * dx + u[1] * dy + u[2] * dz;
                    rows[col] = f * (dx - u[0] * along);
                    rows[n + col] = f * (dy - u[1] * along);
                    rows[2 * n + col] = f * (dz - u[2] * along);
                }
                add(normal, boneColumns[b], 3, weight * cauchyWeight(s, scale));
            }
        }
        return cost;
    }

    private double imagePoints(double[] x, double[] q, NormalEquations normal) {
        double sigma = options.imageSigma();
        double scale = options.imageRobustScale() / sigma;
        int t = layout.translation();
        int width = skeleton.columns();
        int n = layout.size();
        double fx = intrinsics.fx();
        double fy = intrinsics.fy();
        double cost = 0;
        for (int p = 0; p < KeypointSkeleton.KEYPOINTS; p++) {
            double px = q[3 * p] + x[t];
            double py = q[3 * p + 1] + x[t + 1];
            double pz = q[3 * p + 2] + x[t + 2];
            if (!(pz > MIN_DEPTH)) {
                return Double.POSITIVE_INFINITY;
            }
            residual[0] = (fx * px / pz + intrinsics.cx() - image[2 * p]) / sigma;
            residual[1] = (fy * py / pz + intrinsics.cy() - image[2 * p + 1]) / sigma;
            double s = residual[0] * residual[0] + residual[1] * residual[1];
            cost += cauchy(s, scale);
            if (normal != null) {
                double ux = fx / (pz * sigma);
                double uz = -fx * px / (pz * pz * sigma);
                double vy = fy / (pz * sigma);
                double vz = -fy * py / (pz * pz * sigma);
                for (int col : imageColumns[p]) {
                    // The translation moves the point itself; the other columns through the keypoint.
                    boolean shift = col >= t && col < t + 3;
                    double dx = shift ? (col == t ? 1 : 0) : jac[(3 * p) * width + col];
                    double dy = shift ? (col == t + 1 ? 1 : 0) : jac[(3 * p + 1) * width + col];
                    double dz = shift ? (col == t + 2 ? 1 : 0) : jac[(3 * p + 2) * width + col];
                    rows[col] = ux * dx + uz * dz;
                    rows[n + col] = vy * dy + vz * dz;
                }
                add(normal, imageColumns[p], 2, cauchyWeight(s, scale));
            }
        }
        return cost;
    }

    /** The depth prior: the keypoints' mean depth against the prior's, in units of its sigma (Gaussian). */
    private double meanDepth(double[] x, double[] q, NormalEquations normal) {
        int t = layout.translation();
        int width = skeleton.columns();
        int count = KeypointSkeleton.KEYPOINTS;
        double mean = x[t + 2];
        for (int p = 0; p < count; p++) {
            mean += q[3 * p + 2] / count;
        }
        double sigma = depthPrior.sigma();
        residual[0] = (mean - depthPrior.depth()) / sigma;
        if (normal != null) {
            for (int col : depthColumns) {
                double d = 0;
                if (col == t + 2) {
                    d = 1;
                } else if (col < width) {
                    for (int p = 0; p < count; p++) {
                        d += jac[(3 * p + 2) * width + col] / count;
                    }
                }
                rows[col] = d / sigma;
            }
            add(normal, depthColumns, 1, 1);
        }
        return 0.5 * residual[0] * residual[0];
    }

    private double posePrior(NormalEquations normal) {
        for (int j = 0; j < JointFrames.FINGER_JOINTS; j++) {
            Mat3Buffers.logRotation(local, 9 * j, axisAngles, 3 * j);
            if (normal != null) {
                inverseLeftJacobianTimesAxes(j);
            }
        }
        return prior.cost(axisAngles, dPose, normal, FitLayout.ANGLES, priorWork);
    }

    /**
     * {@code dPose} block j: how joint j's axis-angle vector w moves per unit of each of its three angles, the
     * inverse left Jacobian of SO(3) at w applied to the angle's axis ({@code d log(exp(e) R) = J_l^-1(w) e}).
     */
    private void inverseLeftJacobianTimesAxes(int j) {
        double wx = axisAngles[3 * j];
        double wy = axisAngles[3 * j + 1];
        double wz = axisAngles[3 * j + 2];
        double phi2 = wx * wx + wy * wy + wz * wz;
        double phi = Math.sqrt(phi2);
        double beta = phi < 1e-4 ? 1.0 / 12 + phi2 / 720
            : 1 / phi2 - (1 + Math.cos(phi)) / (2 * phi * Math.sin(phi));
        for (int a = 0; a < 3; a++) {
            int o = 9 * j + 3 * a;
            double ex = angleAxes[o];
            double ey = angleAxes[o + 1];
            double ez = angleAxes[o + 2];
            // w x e and w x (w x e).
            double cx = wy * ez - wz * ey;
            double cy = wz * ex - wx * ez;
            double cz = wx * ey - wy * ex;
            double ccx = wy * cz - wz * cy;
            double ccy = wz * cx - wx * cz;
            double ccz = wx * cy - wy * cx;
            dPose[9 * j + a] = ex - 0.5 * cx + beta * ccx;
            dPose[9 * j + 3 + a] = ey - 0.5 * cy + beta * ccy;
            dPose[9 * j + 6 + a] = ez - 0.5 * cz + beta * ccz;
        }
    }

    private double shapePrior(NormalEquations normal) {
        double weight = options.shapePriorWeight();
        double cost = 0;
        int first = layout.betas();
        for (int l = 0; l < betas.length; l++) {
            cost += 0.5 * weight * betas[l] * betas[l];
            if (normal != null) {
                normal.addGradient(first + l, weight * betas[l]);
                normal.addHessian(first + l, first + l, weight);
            }
        }
        return cost;
    }

    /** Adds the scratch rows over {@code columns} and clears them for the next residual. */
    private void add(NormalEquations normal, int[] columns, int count, double weight) {
        normal.addRows(rows, count, columns, columns.length, residual, weight);
        int n = layout.size();
        for (int k = 0; k < count; k++) {
            for (int col : columns) {
                rows[k * n + col] = 0;
            }
        }
    }

    /** Half the Cauchy loss of a squared residual s with scale c: {@code 0.5 c^2 log(1 + s / c^2)}. */
    private static double cauchy(double s, double c) {
        double c2 = c * c;
        return 0.5 * c2 * Math.log1p(s / c2);
    }

    /** The Cauchy loss's weight at s (its derivative), the iteratively reweighted least-squares weight. */
    private static double cauchyWeight(double s, double c) {
        return 1 / (1 + s / (c * c));
    }

    private static int[] withBlock(int[] columns, int first) {
        int[] out = Arrays.copyOf(columns, columns.length + 3);
        for (int i = 0; i < 3; i++) {
            out[columns.length + i] = first + i;
        }
        Arrays.sort(out);
        return out;
    }

    private int[] freeOnly(int[] columns) {
        return Arrays.stream(columns).filter(c -> free[c]).toArray();
    }

    private static int[] union(int[] a, int[] b) {
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct()
            .sorted().toArray();
    }
}
