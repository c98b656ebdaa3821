package org.ambidex.fit;

import java.util.Arrays;
import java.util.Objects;
import org.ambidex.hand.JointOrder;

/**
 * Settings of {@link HandFitter}: how much each kind of evidence counts, the robust loss, the priors, the bounds
 * and the iteration budget. {@link #defaults()} are the values docs/FITTING.md explains and the tests measure.
 *
 * <p>Every residual is divided by its sigma, so a weight of 1 means "as strong as a Gaussian of that standard
 * deviation". The robust scales are the residual lengths (per landmark, not per coordinate) at which the Cauchy
 * loss gives a landmark half its weight; a landmark ten scales off counts about 1 %.
 *
 * @param worldSigma expected error of a world landmark, metres
 * @param worldRobustScale Cauchy scale of a world landmark's (or a bone direction's) residual, metres
 * @param imageSigma expected error of an image landmark, pixels
 * @param imageRobustScale Cauchy scale of an image landmark's residual, pixels
 * @param boneWeight weight of the 20 bone directions (parent to child joint, scaled by the bone's length)
 * @param jointWeights weight of each of the 21 world landmark positions, OpenPose order (a copy is kept)
 * @param posePriorWeight weight of the Gaussian pose-PCA prior (1 = the prior as a probability)
 * @param poseVarianceFloor standard deviation added to every direction of the pose prior, radians
 * @param shapePriorWeight weight of the standard-normal prior on the betas
 * @param betaLimit bound on each beta's magnitude
 * @param refineWithImage whether a last stage refines every parameter against world and image landmarks
 *     together (otherwise the image only places the hand)
 * @param maxIterations most Levenberg-Marquardt iterations of each of the three stages
 * @param worldScale factor applied to the world landmarks before fitting, a calibration of the landmark source's
 *     metric size (1 trusts it; docs/FITTING.md gives what was measured for MediaPipe). The hand's size, and so
 *     its depth, follows it.
 */
public record FitOptions(double worldSigma, double worldRobustScale, double imageSigma, double imageRobustScale,
                         double boneWeight, double[] jointWeights, double posePriorWeight, double poseVarianceFloor,
                         double shapePriorWeight, double betaLimit, boolean refineWithImage, int maxIterations,
                         double worldScale) {

    /**
     * The expected error (metres) at which {@link #mediaPipe()} counts MediaPipe's world landmarks: on the 5 hands of
     * the real InterHand2.6M frames, wrist-aligned MPJPE 33.2 mm at 5 mm, 28.3 at 20 mm, 25.0 at 50 mm, 24.7 at
     * 100 mm; on 63 single-hand renders 60.8, 56.8, 53.5 mm (docs/FITTING.md).
     */
    public static final double MEDIAPIPE_WORLD_SIGMA = 0.05;

    private static final int LANDMARKS = JointOrder.OPENPOSE.size();

    /**
     * @throws IllegalArgumentException when a sigma or scale is not positive and finite, a weight is negative or
     *     not finite, there are not 21 joint weights, or the iteration budget is below 1
     */
    public FitOptions {
        positive(worldSigma, "worldSigma");
        positive(worldRobustScale, "worldRobustScale");
        positive(imageSigma, "imageSigma");
        positive(imageRobustScale, "imageRobustScale");
        positive(poseVarianceFloor, "poseVarianceFloor");
        positive(betaLimit, "betaLimit");
        positive(worldScale, "worldScale");
        nonNegative(boneWeight, "boneWeight");
        nonNegative(posePriorWeight, "posePriorWeight");
        nonNegative(shapePriorWeight, "shapePriorWeight");
        Objects.requireNonNull(jointWeights, "jointWeights");
        if (jointWeights.length != LANDMARKS) {
            throw new IllegalArgumentException("jointWeights needs one weight per landmark (21), got "
                + jointWeights.length);
        }
        jointWeights = jointWeights.clone();
        for (int i = 0; i < LANDMARKS; i++) {
            nonNegative(jointWeights[i], "jointWeights[" + i + "]");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
    }

    /** The defaults: docs/FITTING.md says why each value. */
    public static FitOptions defaults() {
        double[] weights = new double[LANDMARKS];
        Arrays.fill(weights, 1);
        return new FitOptions(0.005, 0.01, 2, 6, 1, weights, 1, 0.1, 1, 3, true, 60, 1);
    }

    /**
     * The defaults for MediaPipe Hands' landmarks (docs/FITTING.md, "MediaPipe's landmarks"): the shape prior ten
     * times stronger, since MediaPipe's world landmarks say little about a hand's real size (their bone lengths
     * correlated 0.15-0.23 with the truth) and following them put the hand further off in depth; and the world
     * landmarks counted with {@link #MEDIAPIPE_WORLD_SIGMA} instead of 5 mm. Their error on real photos is about
     * 20 mm per landmark and mostly one tilt of the whole hand out of the image plane, shared by all 21 landmarks and
     * 20 bones, so they carry far less independent evidence than 41 terms of 5 mm would claim; counted at 5 mm they
     * overruled the image landmarks and kept each hand's tilt 8-35 degrees off on real InterHand2.6M frames.
     */
    public static FitOptions mediaPipe() {
        FitOptions d = defaults();
        double worldRobustScale = d.worldRobustScale * MEDIAPIPE_WORLD_SIGMA / d.worldSigma;
        return new FitOptions(MEDIAPIPE_WORLD_SIGMA, worldRobustScale, d.imageSigma, d.imageRobustScale,
            d.boneWeight, d.jointWeights, d.posePriorWeight, d.poseVarianceFloor, 10, d.betaLimit, d.refineWithImage,
            d.maxIterations, d.worldScale);
    }

    /** The weight of world landmark {@code i} (OpenPose order). */
    public double jointWeight(int i) {
        return jointWeights[i];
    }

    /** These options with the 21 world-position weights {@code weights} (OpenPose order). */
    public FitOptions withJointWeights(double[] weights) {
        return new FitOptions(worldSigma, worldRobustScale, imageSigma, imageRobustScale, boneWeight, weights,
            posePriorWeight, poseVarianceFloor, shapePriorWeight, betaLimit, refineWithImage, maxIterations,
            worldScale);
    }

    /**
     * These options for landmarks of another accuracy: the expected errors {@code worldSigma} (metres) and
     * {@code imageSigma} (pixels), the robust scales kept in the same ratio to them. Exact synthetic landmarks
     * deserve small sigmas, which make the priors count for correspondingly less.
     */
    public FitOptions withSigmas(double worldSigma, double imageSigma) {
        return new FitOptions(worldSigma, worldRobustScale * worldSigma / this.worldSigma, imageSigma,
            imageRobustScale * imageSigma / this.imageSigma, boneWeight, jointWeights, posePriorWeight,
            poseVarianceFloor, shapePriorWeight, betaLimit, refineWithImage, maxIterations, worldScale);
    }

    /** These options with the last joint refinement against the image switched on or off. */
    public FitOptions withRefineWithImage(boolean refine) {
        return new FitOptions(worldSigma, worldRobustScale, imageSigma, imageRobustScale, boneWeight, jointWeights,
            posePriorWeight, poseVarianceFloor, shapePriorWeight, betaLimit, refine, maxIterations, worldScale);
    }

    /** These options with the world landmarks scaled by {@code scale} before fitting. */
    public FitOptions withWorldScale(double scale) {
        return new FitOptions(worldSigma, worldRobustScale, imageSigma, imageRobustScale, boneWeight, jointWeights,
            posePriorWeight, poseVarianceFloor, shapePriorWeight, betaLimit, refineWithImage, maxIterations, scale);
    }

    @Override
    public double[] jointWeights() {
        return jointWeights.clone();
    }

    private static void positive(double v, String name) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
        }
    }

    private static void nonNegative(double v, String name) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be zero or positive and finite, got " + v);
        }
    }
}
