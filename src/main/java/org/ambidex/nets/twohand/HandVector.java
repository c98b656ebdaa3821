package org.ambidex.nets.twohand;

/**
 * Layout of the per-hand parameter vector the network predicts (64 values): the root rotation as 6-D
 * (manopth's {@code rot6d}: the first two columns' raw vectors, Gram-Schmidt inside the hand layer), 45 PCA
 * coefficients of the finger pose relative to the model's hand mean ({@code flatHandMean = false}), 10 shape
 * coefficients, and the weak-perspective camera {@code (log s, tx, ty)}.
 *
 * <p>The weak-perspective projection maps a root-relative point {@code (X, Y, Z)} (metres) to normalised crop
 * coordinates {@code u = s X + tx}, {@code v = s Y + ty} in [-1, 1] (pixel = {@code (u + 1) / 2 * size}), with
 * {@code s = SCALE_PRIOR * exp(log s)} in 1/metres. For a crop with focal length {@code f} pixels the root's
 * depth is then {@code 2 f / (size s)}.
 */
public final class HandVector {

    /** Values per hand. */
    public static final int SIZE = 64;
    /** Offset of the 6-D root rotation. */
    public static final int ROT6D = 0;
    /** Offset of the 45 PCA finger-pose coefficients. */
    public static final int POSE = 6;
    /** Number of PCA coefficients. */
    public static final int POSE_SIZE = 45;
    /** Offset of the 10 shape coefficients. */
    public static final int BETAS = 51;
    /** Number of shape coefficients. */
    public static final int BETAS_SIZE = 10;
    /** Offset of the camera {@code (log s, tx, ty)}. */
    public static final int CAMERA = 61;
    /**
     * Scale of the weak-perspective camera at {@code log s = 0}, 1/metres: a crop whose half side spans 0.17 m at
     * the hand, which is about the IntagHand crop of two interacting hands.
     */
    public static final double SCALE_PRIOR = 6.0;

    private HandVector() {
    }

    /**
     * The starting point the network's outputs are added to: identity root rotation, mean pose and shape,
     * camera centred at the prior scale.
     */
    public static float[] mean() {
        float[] m = new float[SIZE];
        m[ROT6D] = 1;      // first column (1, 0, 0)
        m[ROT6D + 4] = 1;  // second column (0, 1, 0)
        return m;
    }
}
