package org.ambidex.train.dir;

/**
 * One DIR training example as the reference's data loader yields it ({@code dataset/interhand.py}), in host
 * memory; per-hand arrays are indexed 0 right, 1 left.
 *
 * @param image the normalised input crop (3, 256, 256), planar
 * @param jointUv per hand the 21 joints in the crop's [-1, 1] (21 x 2)
 * @param meshUv per hand the 778 vertices in the crop's [-1, 1] (778 x 2)
 * @param joints per hand the 21 joints in the camera frame, metres (21 x 3), OpenPose order, IntagHand's tips
 * @param mesh per hand the 778 vertices in the camera frame, metres (778 x 3)
 * @param seg (256 x 256) labels 0 background, 1 left, 2 right
 * @param dense (3, 256, 256) the dense map in [0, 1]
 */
public record DirExample(float[] image, float[][] jointUv, float[][] meshUv, float[][] joints, float[][] mesh,
                         float[] seg, float[] dense) {

    /** The middle MCP (joint 9) of hand {@code h}: the centre the 3-D terms are relative to (3). */
    public float[] centre(int h) {
        return new float[] {joints[h][27], joints[h][28], joints[h][29]};
    }
}
