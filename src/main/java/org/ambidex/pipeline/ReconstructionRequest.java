package org.ambidex.pipeline;

import org.ambidex.data.Bbox;
import org.ambidex.geom.Intrinsics;

/**
 * What a reconstruction needs besides the image.
 *
 * @param bbox the hands' box in image pixels (InterNet enlarges it to a square 1.25 times larger), or {@code null}
 *     for a model that can take the whole image (twohand)
 * @param intrinsics the camera, or {@code null}
 * @param rootDepth the wrist depth (camera Z, metres) of the right hand, or of the left when only the left is
 *     present, or {@code null}; with {@code intrinsics} it places the joints in the camera frame
 */
public record ReconstructionRequest(Bbox bbox, Intrinsics intrinsics, Double rootDepth) {

    public ReconstructionRequest {
        if (bbox != null && (!(bbox.width() > 0 && bbox.height() > 0) || !Double.isFinite(bbox.x())
            || !Double.isFinite(bbox.y()))) {
            throw new IllegalArgumentException("box width and height must be positive and finite: " + bbox);
        }
        if (rootDepth != null && !(rootDepth > 0 && Double.isFinite(rootDepth))) {
            throw new IllegalArgumentException("root depth must be positive and finite: " + rootDepth);
        }
    }
}
