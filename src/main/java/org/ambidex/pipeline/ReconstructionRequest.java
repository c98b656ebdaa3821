package org.ambidex.pipeline;

import org.ambidex.data.Bbox;
import org.ambidex.geom.Intrinsics;

/**
 * What a reconstruction needs besides the image. Every field is optional; a model that cannot do without one
 * refuses the request with an {@link IllegalArgumentException} that says which ({@link Architecture#needsBox()}).
 *
 * @param bbox the hands' box in image pixels, or {@code null} for the whole image
 * @param intrinsics the camera (pixels), or {@code null}: mesh models then assume one
 *     ({@link AssumedCamera}) and joints-only models give no camera-frame joints
 * @param rootDepth the wrist depth (camera Z, metres) of the right hand, or of the left when only the left is
 *     present; with {@code leftRootDepth} the right wrist's; or {@code null} to let the model estimate it
 * @param leftRootDepth the left wrist's depth, metres, when each hand's is given (an evaluation with ground truth,
 *     as InterNet's reference places both hands; an absent hand's annotated depth may be zero, so per-hand depths
 *     need only be finite); {@code null} otherwise, and only with {@code rootDepth}
 */
public record ReconstructionRequest(Bbox bbox, Intrinsics intrinsics, Double rootDepth, Double leftRootDepth) {

    public ReconstructionRequest {
        if (bbox != null && (!(bbox.width() > 0 && bbox.height() > 0) || !Double.isFinite(bbox.x())
            || !Double.isFinite(bbox.y()) || !Double.isFinite(bbox.width()) || !Double.isFinite(bbox.height()))) {
            throw new IllegalArgumentException("box width and height must be positive and finite: " + bbox);
        }
        if (leftRootDepth == null) {
            if (rootDepth != null && !(rootDepth > 0 && Double.isFinite(rootDepth))) {
                throw new IllegalArgumentException("root depth must be positive and finite, metres: " + rootDepth);
            }
        } else if (rootDepth == null || !Double.isFinite(rootDepth) || !Double.isFinite(leftRootDepth)) {
            // Per-hand depths come from annotations, where an absent hand's may be zero: finite is all we ask.
            throw new IllegalArgumentException("each hand's root depth must be finite, metres: " + rootDepth + ", "
                + leftRootDepth);
        }
    }

    /** The box, camera and one root depth ({@code null}s for what is not given). */
    public ReconstructionRequest(Bbox bbox, Intrinsics intrinsics, Double rootDepth) {
        this(bbox, intrinsics, rootDepth, null);
    }

    /** Nothing given: the whole image, an assumed camera, estimated depths. */
    public static ReconstructionRequest wholeImage() {
        return new ReconstructionRequest(null, null, null, null);
    }

    /** This request with the hands' box {@code box} (image pixels). */
    public ReconstructionRequest withBox(Bbox box) {
        return new ReconstructionRequest(box, intrinsics, rootDepth, leftRootDepth);
    }

    /** This request with the camera {@code k}. */
    public ReconstructionRequest withIntrinsics(Intrinsics k) {
        return new ReconstructionRequest(bbox, k, rootDepth, leftRootDepth);
    }

    /** This request with one root depth, metres (the right wrist's, or the left's when only the left is present). */
    public ReconstructionRequest withRootDepth(double metres) {
        return new ReconstructionRequest(bbox, intrinsics, metres, null);
    }

    /** This request with each hand's wrist depth, metres. */
    public ReconstructionRequest withRootDepths(double right, double left) {
        return new ReconstructionRequest(bbox, intrinsics, right, left);
    }

    /** Whether each hand's root depth is given (rather than one, or none). */
    public boolean perHandRootDepths() {
        return leftRootDepth != null;
    }

}
