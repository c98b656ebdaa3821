package org.ambidex.pipeline;

import org.ambidex.hand.HandSide;

/**
 * One hand of a {@link Reconstruction}. Joints are in the canonical OpenPose 21-joint order.
 *
 * @param side right or left
 * @param presence probability that the hand is in the image (InterNet's handedness output)
 * @param joints2d 21 x 2: pixel coordinates {@code (u, v)} in the original image (pixel centres at integers)
 * @param relativeDepth 21: depth of each joint minus the depth of this hand's wrist, metres
 * @param jointsCamera 21 x 3 camera-frame coordinates, metres (OpenCV frame), or {@code null} without intrinsics
 *     and a root depth
 * @param scores 21: the network's confidence per joint (heatmap maximum; comparable within one model only)
 * @param mesh the mesh and hand-model parameters, or {@code null} for a joints-only model (InterNet)
 */
public record HandReconstruction(HandSide side, double presence, double[] joints2d, double[] relativeDepth,
                                 double[] jointsCamera, double[] scores, HandMesh mesh) {

    /** Presence probability above which a hand counts as present (the reference's 0.5). */
    public static final double PRESENT = 0.5;

    public HandReconstruction {
        joints2d = joints2d.clone();
        relativeDepth = relativeDepth.clone();
        jointsCamera = jointsCamera == null ? null : jointsCamera.clone();
        scores = scores.clone();
    }

    /** A joints-only hand (no mesh). */
    public HandReconstruction(HandSide side, double presence, double[] joints2d, double[] relativeDepth,
                              double[] jointsCamera, double[] scores) {
        this(side, presence, joints2d, relativeDepth, jointsCamera, scores, null);
    }

    public boolean present() {
        return presence > PRESENT;
    }

    @Override
    public double[] joints2d() {
        return joints2d.clone();
    }

    @Override
    public double[] relativeDepth() {
        return relativeDepth.clone();
    }

    @Override
    public double[] jointsCamera() {
        return jointsCamera == null ? null : jointsCamera.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }
}
