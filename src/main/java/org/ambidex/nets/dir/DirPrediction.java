package org.ambidex.nets.dir;

/**
 * DIR's answer for one crop (its last stage), as the reference's evaluation reads it.
 *
 * @param vertices per hand (0 right, 1 left) 778 x 3 values, metres, relative to that hand's wrist
 * @param joints per hand 21 x 3 values (OpenPose order, manopth's joints and tips), metres, wrist-relative
 * @param jointPixels per hand 21 x 2 values: the joints' projection in the crop's pixels ({@code (uv + 1) / 2 *
 *     256})
 * @param camera per hand (s, tx, ty): {@code uv = s * xyz.xy + t} in the crop's [-1, 1] coordinates
 * @param relativeRoot right wrist minus left wrist, metres ({@code offset * 0.15})
 */
public record DirPrediction(double[][] vertices, double[][] joints, double[][] jointPixels, double[][] camera,
                            double[] relativeRoot) {
}
