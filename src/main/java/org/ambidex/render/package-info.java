/**
 * A pure-Java software rasterizer with overlays (skeletons, meshes, boxes, labels) and view sheets.
 */
package org.ambidex.render;
