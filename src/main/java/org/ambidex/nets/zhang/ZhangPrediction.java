package org.ambidex.nets.zhang;

/**
 * The network's output for one image (the last cascade stage), in the reference's units: millimetres, hand model
 * frame (smplx MANO with its stored {@code transl}), not placed in any camera. Arrays are packed, hands right then
 * left.
 *
 * @param joints 42 x 3 joints, mm, per hand in {@link ZhangVariant#jointOrder()}: v2 smplx's 16 MANO joints then the
 *     tips (thumb, index, middle, ring, pinky); v1 OpenPose order centred on the middle MCP
 * @param vertices 1556 x 3 vertices, mm: the right hand's 778, then the left's
 * @param placement (log scale, dx, dy, dz): the left hand, normalised as the demo does (minus its joint 4, divided
 *     by |J4 - J0|), is {@code (left + d) * exp(log scale)} in the right hand's normalised frame
 * @param pose 2 x 48 axis-angles per hand (global, then 15 finger joints relative to the hand mean), radians
 * @param shape 2 x 10 betas per hand
 * @param heatmapXy 42 x 2 heat-map argmax (64 x 64 grid cells) per joint, InterNet's joint order
 * @param heatmapMax 42 heat-map maxima (the registration weights)
 * @param handType InterNet's probabilities that the right and the left hand are present (the reference ignores them)
 */
public record ZhangPrediction(double[] joints, double[] vertices, double[] placement, double[][] pose,
                              double[][] shape, double[] heatmapXy, double[] heatmapMax,
                              double[] handType) {
}
