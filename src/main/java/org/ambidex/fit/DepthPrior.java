package org.ambidex.fit;

/**
 * What is known about a hand's depth from elsewhere than its own landmarks: the mean depth of its 21 keypoints in
 * the camera is about {@code depth}, give or take {@code sigma} (a Gaussian prior; both metres). {@link TwoHandFitter}
 * gives two hands in contact the depth they share.
 */
public record DepthPrior(double depth, double sigma) {

    /**
     * @throws IllegalArgumentException when the depth or the sigma is not positive and finite
     */
    public DepthPrior {
        if (!(depth > 0) || !Double.isFinite(depth)) {
            throw new IllegalArgumentException("a depth prior needs a positive, finite depth (metres), got " + depth);
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("a depth prior needs a positive, finite sigma (metres), got " + sigma);
        }
    }
}
