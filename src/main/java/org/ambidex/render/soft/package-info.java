/**
 * A differentiable soft rasteriser on DJL arrays (SoftRas's formulation): triangles projected with a per-sample
 * pinhole camera, each pixel's nearby faces found on the Java side inside each face's screen bounding box, then the
 * pixel's colour, silhouette and depth computed from those faces with PyTorch operations so that gradients reach
 * the vertices, the face colours and the lights. {@link org.ambidex.render.soft.FaceLighting} shades per-face
 * colours as neural_renderer does (ambient plus directional Lambertian on face normals).
 */
package org.ambidex.render.soft;
