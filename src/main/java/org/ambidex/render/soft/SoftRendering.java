package org.ambidex.render.soft;

import ai.djl.ndarray.NDArray;

/**
 * What {@link SoftRasterizer} draws, for B images of side S. Row i, column j is the pixel whose centre is
 * {@code (j + 1/2, i + 1/2)} in the camera's pixel coordinates.
 *
 * @param rgb colour (B, 3, S, S), the background where no face reaches
 * @param alpha soft silhouette in [0, 1] (B, S, S)
 * @param depth blended camera depth, metres (B, S, S); the settings' far depth where no face reaches
 * @param covered 1 where a face covers any of the pixel's four 2 x 2 sub-samples, else 0 (B, S, S), not
 *     differentiable: neural_renderer's anti-aliased silhouette above zero, which S2HAND masks the photo with
 */
public record SoftRendering(NDArray rgb, NDArray alpha, NDArray depth, NDArray covered) {
}
