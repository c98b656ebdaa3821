package org.ambidex.train.intaghand;

/**
 * One IntagHand training example as the reference's loader yields it ({@code core/loader.py:
 * handDataset.process_data}), in host memory; lengths in its units (each hand about its own middle-finger MCP,
 * scaled so that the two hands' mean wrist-to-middle-MCP length is {@link IntagHandExamples#BONE_LENGTH}).
 *
 * @param image {@code (3, 256, 256)} the ImageNet-normalised RGB crop, planar
 * @param verts3dLeft {@code (778, 3)} the left mesh about the left middle MCP
 * @param verts3dRight {@code (778, 3)} the right mesh about the right middle MCP
 * @param verts2dLeft {@code (778, 2)} the left mesh in crop pixels
 * @param verts2dRight {@code (778, 2)} the right mesh in crop pixels
 * @param rootRel {@code (3)} right middle MCP minus left middle MCP
 * @param mask {@code (2, 64, 64)} 0 or 1: channel 0 the right hand, 1 the left (the reference's render colours
 *     read back from its BGR file, {@code mask[..., 1:]})
 * @param dense {@code (3, 64, 64)} the dense-pose map (vertex colours {@code dense_coor}) in [0, 1]
 * @param heatmaps {@code (42, 64, 64)} joint heat maps in [0, 1], the left hand's 21 then the right's
 */
public record IntagHandExample(float[] image, float[] verts3dLeft, float[] verts3dRight, float[] verts2dLeft,
                               float[] verts2dRight, float[] rootRel, float[] mask, float[] dense,
                               float[] heatmaps) {
}
