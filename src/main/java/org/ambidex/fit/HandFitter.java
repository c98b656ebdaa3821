package org.ambidex.fit;

import java.util.Arrays;
import java.util.Objects;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.JointOrder;

/**
 * Fits a {@link HandModel} (the open model, MANO, any model of that structure) to one hand's {@link HandLandmarks}
 * seen by a camera of known {@link Intrinsics}, giving a {@link HandFit}.
 *
 * <p>Three Levenberg-Marquardt stages over the root rotation, the 45 anatomical joint angles (bounded by the joint
 * limits), the betas (bounded), the world landmarks' unknown origin and the camera translation:
 * <ol>
 *   <li>articulation, shape and orientation from the world landmarks (robust positions and bone directions);
 *   <li>the translation from the image landmarks (closed-form start, then robust reprojection), so the hand keeps
 *       the world landmarks' metric size and its depth follows from size against image size;
 *   <li>unless switched off, all parameters against world and image landmarks together.
 * </ol>
 * A Gaussian prior in the model's pose-PCA space and a prior on the betas act throughout. Then the whole mesh is
 * posed once. The betas carry the hand's size: no separate global scale is fitted, since the
 * {@code ambidex.reconstruction/1} parameters have none (docs/FITTING.md).
 *
 * <p>Immutable once built and safe to share between threads (each call has its own workspace); deterministic.
 */
public final class HandFitter {

    /** How far the fit may move the hand's depth from its closed-form placement, as a factor either way. */
    private static final double DEPTH_FACTOR = 2;

    private final HandModel model;
    private final FitOptions options;
    private final KeypointSkeleton skeleton;
    private final JointFrames frames;
    private final PcaPosePrior prior;
    private final FitLayout layout;
    private final MeshPosing mesh;
    private final double[] meanAngles;
    private final double[] meanKeypoints;

    /** A fitter of {@code model} with {@link FitOptions#defaults()}. */
    public HandFitter(HandModel model) {
        this(model, FitOptions.defaults());
    }

    public HandFitter(HandModel model, FitOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        ModelArrays arrays = new ModelArrays(model);
        int[] tips = model.tipVertices(FingertipSet.INTAGHAND);
        skeleton = new KeypointSkeleton(arrays, tips);
        frames = JointFrames.of(model, skeleton.restKeypoints());
        prior = new PcaPosePrior(model, options.posePriorWeight(), options.poseVarianceFloor());
        layout = new FitLayout(frames, model.shapeCount(), options.betaLimit());
        mesh = new MeshPosing(arrays, tips);
        meanAngles = meanAngles(model, frames);
        LandmarkObjective rest = objective(LandmarkObjective.Terms.WORLD, layout.free(true, true, false),
            new double[63], new double[42], new Intrinsics(1, 1, 0, 0), Range.FREE, null);
        double[] x = new double[layout.size()];
        System.arraycopy(meanAngles, 0, x, FitLayout.ANGLES, 45);
        meanKeypoints = rest.keypoints(x).clone();
    }

    /** The hand mean's anatomical angles, inside the limits. */
    private static double[] meanAngles(HandModel model, JointFrames frames) {
        double[] mean = model.handsMean().toDoubleArray();
        double[] rotation = new double[9];
        double[] out = new double[45];
        for (int j = 0; j < JointFrames.FINGER_JOINTS; j++) {
            Mat3Buffers.setRotation(mean, 3 * j, rotation, 0);
            frames.angles(rotation, 0, j, out, 3 * j);
        }
        for (int i = 0; i < 45; i++) {
            out[i] = frames.limit(i).clamp(out[i]);
        }
        return out;
    }

    public HandModel model() {
        return model;
    }

    public FitOptions options() {
        return options;
    }

    /**
     * The model fitted to {@code hand} as seen through {@code intrinsics}.
     *
     * @throws IllegalArgumentException when the hand's side is not the model's, the intrinsics have a focal length
     *     that is not positive or a value that is not finite, or the image landmarks all coincide
     */
    public HandFit fit(HandLandmarks hand, Intrinsics intrinsics) {
        return finish(solve(hand, intrinsics));
    }

    /**
     * The model fitted to {@code hand} as seen through {@code intrinsics}; then, with a {@code depthPrior} (none when
     * null), its size and place fitted once more with its keypoints' mean depth drawn towards the prior's, its
     * articulation and orientation kept.
     *
     * @throws IllegalArgumentException as {@link #fit(HandLandmarks, Intrinsics)}
     */
    public HandFit fit(HandLandmarks hand, Intrinsics intrinsics, DepthPrior depthPrior) {
        Solution solved = solve(hand, intrinsics);
        return finish(depthPrior == null ? solved : sized(solved, depthPrior));
    }

    /**
     * One hand's parameters after the fitting stages, before the mesh is posed: what {@link #sized} continues from
     * and {@link #finish} turns into a {@link HandFit}.
     *
     * @param world the world landmarks as fitted (scaled by {@link FitOptions#worldScale()}), OpenPose order
     * @param x the parameters ({@link FitLayout})
     * @param depth the range the translation's depth keeps to
     * @param meanDepth the mean depth of the 21 keypoints in the camera, metres
     */
    record Solution(HandLandmarks hand, double[] world, Intrinsics intrinsics, double[] x, Range depth, int iterations,
                    double meanDepth) {
    }

    /** The three stages (docs/FITTING.md): shape, placement and, when configured, refinement. */
    Solution solve(HandLandmarks hand, Intrinsics intrinsics) {
        Objects.requireNonNull(hand, "hand");
        checkIntrinsics(intrinsics);
        if (hand.side() != model.side()) {
            throw new IllegalArgumentException("the landmarks are of the " + hand.side() + " hand but the model "
                + model.name() + " is a " + model.side() + " hand");
        }
        double[] scaled = hand.world().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= options.worldScale();
        }
        double[] world = JointOrder.MANO16_TIPS.convert(scaled, JointOrder.OPENPOSE, 3);
        double[] image = JointOrder.MANO16_TIPS.convert(hand.image(), JointOrder.OPENPOSE, 2);
        double[] x = InitialGuess.of(layout, meanAngles, meanKeypoints, world);
        int iterations = 0;

        boolean[] shaping = layout.free(true, true, false);
        LandmarkObjective shape = objective(LandmarkObjective.Terms.WORLD, shaping, world, image, intrinsics,
            Range.FREE, null);
        var first = LevenbergMarquardt.minimize(shape, x, shaping, options.maxIterations());
        x = first.x();
        iterations += first.iterations();

        boolean[] placing = layout.free(false, false, true);
        double[] start = CameraPlacement.translation(shape.keypoints(x).clone(), image, intrinsics);
        System.arraycopy(start, 0, x, layout.translation(), 3);
        // With robust image losses, a hand whose image landmarks disagree with its shape can lower its cost by
        // shrinking towards a point far away (a render's hand went to 2e10 m): the depth stays within a factor of
        // the closed-form placement, which is far more than the size the betas can explain.
        Range depth = new Range(start[2] / DEPTH_FACTOR, start[2] * DEPTH_FACTOR);
        var second = LevenbergMarquardt.minimize(
            objective(LandmarkObjective.Terms.IMAGE, placing, world, image, intrinsics, depth, null), x, placing,
            options.maxIterations());
        x = second.x();
        iterations += second.iterations();

        if (options.refineWithImage()) {
            boolean[] all = layout.free(true, true, true);
            var third = LevenbergMarquardt.minimize(objective(LandmarkObjective.Terms.WORLD_AND_IMAGE, all, world,
                image, intrinsics, depth, null), x, all, options.maxIterations());
            x = third.x();
            iterations += third.iterations();
        }
        return new Solution(hand, scaled, intrinsics, x, depth, iterations, meanDepth(shape, x));
    }

    /**
     * {@code solved} fitted once more with only its betas and translation free and its keypoints' mean depth drawn
     * towards {@code depthPrior}: the articulation and the orientation stay as the landmarks put them (free, they
     * would tilt the hand to change its apparent size instead).
     */
    Solution sized(Solution solved, DepthPrior depthPrior) {
        Objects.requireNonNull(depthPrior, "depthPrior");
        double[] world = JointOrder.MANO16_TIPS.convert(solved.world(), JointOrder.OPENPOSE, 3);
        double[] image = JointOrder.MANO16_TIPS.convert(solved.hand().image(), JointOrder.OPENPOSE, 2);
        boolean[] sizing = layout.free(false, false, true);
        Arrays.fill(sizing, layout.betas(), layout.betas() + layout.shapes(), true);
        LandmarkObjective objective = objective(LandmarkObjective.Terms.WORLD_AND_IMAGE, sizing, world, image,
            solved.intrinsics(), solved.depth(), depthPrior);
        var fourth = LevenbergMarquardt.minimize(objective, solved.x(), sizing, options.maxIterations());
        return new Solution(solved.hand(), solved.world(), solved.intrinsics(), fourth.x(), solved.depth(),
            solved.iterations() + fourth.iterations(), meanDepth(objective, fourth.x()));
    }

    /** The mesh posed from {@code solved}, as the fit's result. */
    HandFit finish(Solution solved) {
        return result(solved.hand(), solved.world(), solved.x(), solved.intrinsics(), solved.iterations());
    }

    private double meanDepth(LandmarkObjective objective, double[] x) {
        double[] q = objective.keypoints(x);
        double sum = 0;
        for (int p = 0; p < KeypointSkeleton.KEYPOINTS; p++) {
            sum += q[3 * p + 2];
        }
        return sum / KeypointSkeleton.KEYPOINTS + x[layout.translation() + 2];
    }

    private LandmarkObjective objective(LandmarkObjective.Terms terms, boolean[] free, double[] world, double[] image,
                                        Intrinsics intrinsics, Range depth, DepthPrior depthPrior) {
        double[] weights = JointOrder.MANO16_TIPS.convert(options.jointWeights(), JointOrder.OPENPOSE, 1);
        return new LandmarkObjective(layout, skeleton, frames, prior, options, terms, free, world, image, intrinsics,
            weights, depth, depthPrior);
    }

    private HandFit result(HandLandmarks hand, double[] world, double[] x, Intrinsics k, int iterations) {
        double[] angles = Arrays.copyOfRange(x, FitLayout.ANGLES, FitLayout.ANGLES + 45);
        double[] local = new double[135];
        frames.compose(angles, local, new double[135], new double[JointFrames.workSize()]);
        double[] pose = new double[48];
        System.arraycopy(x, FitLayout.ROOT, pose, 0, 3);
        for (int j = 0; j < JointFrames.FINGER_JOINTS; j++) {
            Mat3Buffers.logRotation(local, 9 * j, pose, 3 + 3 * j);
        }
        double[] betas = Arrays.copyOfRange(x, layout.betas(), layout.betas() + layout.shapes());
        double[] transl = Arrays.copyOfRange(x, layout.translation(), layout.translation() + 3);
        MeshPosing.Posed posed = mesh.pose(betas, pose, transl);
        double[] handPose = Arrays.copyOfRange(pose, 3, 48);
        double[] mean = prior.mean();
        for (int i = 0; i < 45; i++) {
            handPose[i] -= mean[i];
        }
        double[] joints = posed.keypoints();
        return new HandFit(hand.side(), betas, Arrays.copyOf(pose, 3), handPose, transl, posed.vertices(), joints,
            1000 * FitResiduals.worldRms(joints, world), FitResiduals.imageRms(joints, hand.image(), k),
            iterations);
    }

    private static void checkIntrinsics(Intrinsics k) {
        Objects.requireNonNull(k, "intrinsics");
        if (!(k.fx() > 0) || !(k.fy() > 0) || !Double.isFinite(k.fx()) || !Double.isFinite(k.fy())) {
            throw new IllegalArgumentException("the camera's focal lengths must be positive and finite (pixels), got fx "
                + k.fx() + ", fy " + k.fy());
        }
        if (!Double.isFinite(k.cx()) || !Double.isFinite(k.cy())) {
            throw new IllegalArgumentException("the camera's principal point must be finite (pixels), got cx " + k.cx()
                + ", cy " + k.cy());
        }
    }
}
