package org.ambidex.nets.dir;

/**
 * DIR's answer for one crop (its last stage), as the reference's evaluation reads it.
 *
 * @param vertices per hand (0 right, 1 left) 778 x 3 values, metres, relative to that hand's wrist
 * @param joints per hand 21 x 3 values (OpenPose order, manopth's joints and tips), metres, wrist-relative
 * @param jointPixels per hand 21 x 2 values: the joints' projection in the crop's pixels ({@code (uv + 1) / 2 *
 *     256})
 * @param parameters per hand the 64 regressed values ({@link DirHand#parameters()}): 6-D root rotation, 45 PCA
 *     coefficients, 10 betas, camera (s, tx, ty) with {@code uv = s * xyz.xy + t} in the crop's [-1, 1]
 * @param wrist per hand the wrist the outputs were centred on (metres, the hand model's frame)
 * @param relativeRoot right wrist minus left wrist, metres ({@code offset * 0.15})
 */
public record DirPrediction(double[][] vertices, double[][] joints, double[][] jointPixels, double[][] parameters,
                            double[][] wrist, double[] relativeRoot) {

    /** Hand {@code hand}'s weak-perspective camera (s, tx, ty). */
    public double[] camera(int hand) {
        return java.util.Arrays.copyOfRange(parameters[hand], DirHand.CAMERA, DirHand.SIZE);
    }
}
