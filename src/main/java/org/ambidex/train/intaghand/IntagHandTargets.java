package org.ambidex.train.intaghand;

import ai.djl.ndarray.NDArray;

/**
 * One batch's training targets as IntagHand's trainer holds them (the crop's frame; lengths in its training units).
 *
 * @param verts3dLeft {@code (B, 778, 3)} the left mesh, about its own middle-finger MCP
 * @param verts3dRight {@code (B, 778, 3)} the right mesh, about its own middle-finger MCP (the loss adds
 *     {@code rootRel} to place it about the left one's)
 * @param verts2dLeft {@code (B, 778, 2)} crop pixels of the left mesh
 * @param verts2dRight {@code (B, 778, 2)} crop pixels of the right mesh
 * @param rootRel {@code (B, 3)} the right root relative to the left one's frame, as the reference's {@code root_rel}
 * @param mask {@code (B, 2, 64, 64)} hand masks, 0 or 1: channel 0 the right hand, 1 the left, as the reference's
 *     loader reads its renders
 * @param dense {@code (B, 3, 64, 64)} dense-pose (vertex colour) image
 * @param heatmaps {@code (B, 42, 64, 64)} joint heat maps
 */
public record IntagHandTargets(NDArray verts3dLeft, NDArray verts3dRight, NDArray verts2dLeft, NDArray verts2dRight,
                               NDArray rootRel, NDArray mask, NDArray dense, NDArray heatmaps) {
}
