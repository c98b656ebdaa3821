package org.ambidex.nets.twohand;

/**
 * The network's answer for one crop, as plain arrays (index 0 right hand, 1 left).
 *
 * @param presence per hand, the probability that the hand is in the crop
 * @param joints per hand, 21 x 3 root-relative joints (metres, camera orientation, OpenPose order), packed
 * @param vertices per hand, V x 3 root-relative vertices (metres), packed
 * @param uv per hand, 21 x 2 joints in input pixels (0..size), packed
 * @param scale per hand, the weak-perspective scale (1/metres, normalised crop units)
 * @param rootUv per hand, the wrist in input pixels {@code (u, v)}
 * @param vectors per hand, the 64 {@link HandVector} values
 * @param offset the left wrist minus the right wrist, metres
 * @param wrist per hand, the wrist as the hand layer places it without translation, metres
 */
public record TwoHandPrediction(double[] presence, double[][] joints, double[][] vertices, double[][] uv,
                                double[] scale, double[][] rootUv, double[][] vectors, double[] offset, double[][] wrist) {
}
