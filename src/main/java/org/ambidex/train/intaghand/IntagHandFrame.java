package org.ambidex.train.intaghand;

import org.ambidex.data.crop.FloatImage;

/**
 * One frame as IntagHand's data preparation leaves it for its loader ({@code dataset/interhand.py}: the crop,
 * the mask, dense-pose and heat-map renders, and what {@code InterHand_dataset.__getitem__} computes from the
 * annotation), before augmentation. Per-hand arrays are indexed 0 left, 1 right.
 *
 * @param crop {@code 256 x 256} RGB crop, 8-bit levels
 * @param mask {@code 256 x 256 x 2} the mask render's channels the loader keeps: right hand, left hand (255 on the
 *     hand, 0 on the other hand, 1 on the background)
 * @param dense {@code 256 x 256 x 3} the dense-pose render (vertex colours x 255, rounded; 1 on the background)
 * @param heatmaps per hand {@code 64 x 64 x 21} heat-map levels 0..255, joints in OpenPose order
 * @param verts2d per hand {@code (778, 2)} crop pixels
 * @param verts3d per hand {@code (778, 3)} camera frame, metres
 * @param joints3d per hand {@code (21, 3)} camera frame, metres, OpenPose order (9 the middle MCP, 0 the wrist)
 * @param joints2d per hand {@code (21, 2)} crop pixels (what the heat maps are drawn about)
 */
public record IntagHandFrame(FloatImage crop, FloatImage mask, FloatImage dense, FloatImage[] heatmaps,
                             double[][] verts2d, double[][] verts3d, double[][] joints3d, double[][] joints2d) {
}
