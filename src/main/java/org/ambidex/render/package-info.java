/**
 * A pure-Java software rasterizer with overlays (skeletons, meshes, boxes, labels) and view sheets.
 *
 * <p>{@link org.ambidex.render.Renderer} draws a {@link org.ambidex.render.Scene} (meshes in world metres, a
 * pinhole camera in the OpenCV frame with pixel centres at integer coordinates, an optional photo) into a
 * {@link org.ambidex.render.RenderResult}: the sRGB picture, the camera depth map, one silhouette mask per mesh
 * and the normal map. Coverage follows the top-left fill rule on fixed-point vertices, so shared edges are
 * drawn exactly once; depth is perspective-correct. {@link org.ambidex.render.Overlays} draws 2D hand
 * skeletons (OpenPose 21-joint order), boxes and labels; {@link org.ambidex.render.ViewSheet} shows meshes from
 * the camera and from the side, top and an oblique angle. {@link org.ambidex.render.VertexValueMap} carries raw
 * per-vertex values to the pixels (no shading), for rendered training targets. {@link org.ambidex.render.Palette}
 * holds the colours:
 * right hand (index 0), left hand (index 1), ground truth, finger colours.
 */
package org.ambidex.render;
