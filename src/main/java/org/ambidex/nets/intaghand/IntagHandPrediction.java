package org.ambidex.nets.intaghand;

/**
 * IntagHand's output for one image, per hand: 778 MANO-topology vertices in the reference's training frame
 * (camera axes, each hand about its own middle-finger MCP, the two hands' mean wrist-to-middle-MCP length 0.095; no
 * translation between the hands) and the orthographic projection to crop pixels,
 * {@code uv = 256 scale (x, y) + 128 (t + 1)}.
 *
 * @param leftVertices {@code [x0, y0, z0, x1, ...]}, 778 x 3
 * @param rightVertices the same for the right hand
 * @param leftCamera {@code scale, tx, ty} of the left hand
 * @param rightCamera the same for the right hand
 */
public record IntagHandPrediction(float[] leftVertices, float[] rightVertices, float[] leftCamera,
                                  float[] rightCamera) {

    /** The crop pixel of a vertex ({@code IMG_SIZE} 256), as {@code projection_batch} maps it. */
    public static double[] project(float[] camera, double x, double y) {
        double s = camera[0] * (double) IntagHandNet.INPUT_SIZE;
        double half = IntagHandNet.INPUT_SIZE / 2.0;
        return new double[] {s * x + camera[1] * half + half, s * y + camera[2] * half + half};
    }
}
