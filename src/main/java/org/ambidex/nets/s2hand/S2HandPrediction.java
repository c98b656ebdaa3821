package org.ambidex.nets.s2hand;

/**
 * What S2HAND estimates for one image: the right hand in the camera frame of its 224-pixel input, metres.
 *
 * @param joints 21 joints x (x, y, z), OpenPose/FreiHAND order (63 values)
 * @param vertices 778 MANO vertices x (x, y, z) (2334 values)
 * @param pcaCoefficients the 30 MANO PCA coefficients
 * @param rotation the axis-angle rotation applied after skinning (3)
 * @param scale the scale as regressed (its absolute value is applied)
 * @param translation the translation (3), metres
 * @param faceTextures the texture head's per-face colours before the renderer's {@code tanh}, 1538 x RGB
 * @param lights the 11 raw lighting values (ambient intensity, directional intensity, ambient RGB, directional RGB,
 *     direction)
 */
public record S2HandPrediction(double[] joints, double[] vertices, float[] pcaCoefficients, double[] rotation,
                               double scale, double[] translation, float[] faceTextures, float[] lights) {
}
