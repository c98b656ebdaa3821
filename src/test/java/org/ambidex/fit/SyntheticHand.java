package org.ambidex.fit;

import java.util.SplittableRandom;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Quaternion;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandParamArrays;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.JointOrder;
import org.ambidex.hand.PosedHandArrays;

/**
 * A hand with known parameters and the landmarks it would give: random plausible parameters (betas, a pose drawn
 * from the model's pose PCA and kept inside the joint limits, any orientation, 0.3-1 m in front of the camera),
 * posed by the project's hand layer ({@link ArrayHandPoser}, independent of the fitter's own kinematics), its
 * joints turned into "world" landmarks (minus their centroid) and "image" landmarks (projected).
 */
record SyntheticHand(double[] betas, double[] globalOrient, double[] handPose, double[] transl, double[] vertices,
                     double[] joints, HandLandmarks landmarks) {

    /** The camera of the synthetic tests: 1280 x 960 pixels, about 60 degrees across. */
    static final Intrinsics CAMERA = new Intrinsics(1100, 1100, 640, 480);

    /** Margin kept inside every joint limit, radians: a pose on a limit is not what a recovery test is about. */
    private static final double MARGIN = Math.toRadians(2);

    static SyntheticHand sample(HandModel model, ArrayHandPoser poser, long seed) {
        return sample(model, poser, seed, 0.8);
    }

    /**
     * @param spread the PCA coefficients' standard deviation, in units of the prior's (the open model's
     *     coefficients have unit variance; the MANO-format fixture's {@code hands_coeffs} have 0.5)
     */
    static SyntheticHand sample(HandModel model, ArrayHandPoser poser, long seed, double spread) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] betas = new double[model.shapeCount()];
        for (int l = 0; l < betas.length; l++) {
            betas[l] = Math.max(-2, Math.min(2, random.nextGaussian()));
        }
        double[] coefficients = new double[45];
        for (int i = 0; i < 45; i++) {
            coefficients[i] = spread * random.nextGaussian();
        }
        double[] full = plausible(model, model.pcaToAxisAngle(coefficients, false));
        double[] handPose = new double[45];
        double[] mean = model.handsMean().toDoubleArray();
        for (int i = 0; i < 45; i++) {
            handPose[i] = full[i] - mean[i];
        }
        Quaternion q = new Quaternion(random.nextGaussian(), random.nextGaussian(), random.nextGaussian(),
            random.nextGaussian());
        double[] orient = Rotations.quaternionToAxisAngle(q).toArray();
        double z = 0.3 + 0.7 * random.nextDouble();
        double[] transl = {z * (random.nextDouble() - 0.5) * 0.5, z * (random.nextDouble() - 0.5) * 0.4, z};
        return of(model, poser, betas, orient, handPose, transl);
    }

    /** The hand with these parameters (hand pose relative to hands_mean) and its exact landmarks. */
    static SyntheticHand of(HandModel model, ArrayHandPoser poser, double[] betas, double[] orient, double[] handPose,
                            double[] transl) {
        PosedHandArrays posed = poser.pose(new HandParamArrays(new double[][] {betas}, new double[][] {orient},
            new double[][] {handPose}, HandPoseKind.AXIS_ANGLE, new double[][] {transl}, false),
            FingertipSet.INTAGHAND, JointOrder.OPENPOSE);
        double[] joints = posed.joints(0);
        double[] world = joints.clone();
        double[] centroid = new double[3];
        for (int i = 0; i < 21; i++) {
            for (int c = 0; c < 3; c++) {
                centroid[c] += joints[3 * i + c] / 21;
            }
        }
        double[] image = new double[42];
        for (int i = 0; i < 21; i++) {
            for (int c = 0; c < 3; c++) {
                world[3 * i + c] -= centroid[c];
            }
            double[] uv = CAMERA.project(Vec3.of(joints, 3 * i));
            image[2 * i] = uv[0];
            image[2 * i + 1] = uv[1];
        }
        return new SyntheticHand(betas, orient, handPose, transl, posed.vertices(0), joints,
            new HandLandmarks(model.side(), world, image));
    }

    /** {@code full} (45 axis-angle values, hand mean included) with every joint's angles moved inside its limits. */
    static double[] plausible(HandModel model, double[] full) {
        ModelArrays arrays = new ModelArrays(model);
        KeypointSkeleton skeleton = new KeypointSkeleton(arrays, model.tipVertices(FingertipSet.INTAGHAND));
        JointFrames frames = JointFrames.of(model, skeleton.restKeypoints());
        double[] rotation = new double[9];
        double[] angles = new double[45];
        for (int j = 0; j < 15; j++) {
            Mat3Buffers.setRotation(full, 3 * j, rotation, 0);
            frames.angles(rotation, 0, j, angles, 3 * j);
        }
        for (int i = 0; i < 45; i++) {
            angles[i] = new Range(frames.limit(i).min() + MARGIN, frames.limit(i).max() - MARGIN).clamp(angles[i]);
        }
        double[] local = new double[135];
        frames.compose(angles, local, new double[135], new double[JointFrames.workSize()]);
        double[] out = new double[45];
        for (int j = 0; j < 15; j++) {
            Mat3Buffers.logRotation(local, 9 * j, out, 3 * j);
        }
        return out;
    }
}
