package org.ambidex.pipeline;

import org.ambidex.geom.Intrinsics;

/**
 * The camera assumed for a photo given without intrinsics: focal length {@value #FOCAL_FACTOR} times the photo's
 * longer side (about 53 degrees across it), principal point at the photo's centre. Every model uses this one
 * assumption, and records it as {@link ValueSource#ASSUMED}.
 */
final class AssumedCamera {

    /** Focal length as a multiple of the photo's longer side. */
    static final double FOCAL_FACTOR = 1.0;

    private AssumedCamera() {
    }

    /** The camera of a {@code width x height} photo. */
    static Intrinsics of(int width, int height) {
        double f = FOCAL_FACTOR * Math.max(width, height);
        return new Intrinsics(f, f, width / 2.0, height / 2.0);
    }

    /** The request's intrinsics when it gives them, else the assumed camera of a {@code width x height} photo. */
    static Intrinsics orGiven(ReconstructionRequest request, int width, int height) {
        return request.intrinsics() != null ? request.intrinsics() : of(width, height);
    }
}
