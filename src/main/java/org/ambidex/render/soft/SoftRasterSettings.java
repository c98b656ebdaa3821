package org.ambidex.render.soft;

/**
 * How {@link SoftRasterizer} blurs and blends.
 *
 * @param size image side, pixels (square images, as S2HAND's 224)
 * @param sigma edge sharpness, squared pixels: a pixel at distance {@code d} outside a face is covered by it with
 *     probability {@code sigmoid(-d^2 / sigma)}, inside with {@code sigmoid(d^2 / sigma)}
 * @param gamma depth temperature of the blend, in units of normalised inverse depth {@code (far - z) / (far - near)}
 * @param near nearest camera depth of the normalisation, metres; faces with a vertex nearer are not drawn
 * @param far farthest camera depth, metres; also the depth of the background
 * @param background colour behind the faces, RGB (S2HAND's renderer: white)
 * @param maxFaces at most this many faces blend at one pixel: the nearest ones (by depth at the pixel)
 * @param cutoff faces whose coverage of a pixel is below this probability are left out of that pixel
 */
public record SoftRasterSettings(int size, double sigma, double gamma, double near, double far, double[] background,
                                 int maxFaces, double cutoff) {

    /** SoftRas's background depth offset epsilon in normalised inverse depth. */
    static final double BACKGROUND_EPSILON = 1e-3;

    public SoftRasterSettings {
        if (size < 1 || size > 4096) {
            throw new IllegalArgumentException("image size must be 1..4096, got " + size);
        }
        if (!(sigma > 0) || !(gamma > 0) || !(near > 0) || !(far > near)) {
            throw new IllegalArgumentException("need sigma > 0, gamma > 0, 0 < near < far");
        }
        if (background.length != 3) {
            throw new IllegalArgumentException("the background colour has 3 components");
        }
        if (maxFaces < 1 || !(cutoff > 0 && cutoff < 0.5)) {
            throw new IllegalArgumentException("need maxFaces >= 1 and 0 < cutoff < 0.5");
        }
        background = background.clone();
    }

    /**
     * S2HAND's setting for training: 224 pixels, white background, sigma 0.125 px^2 (SoftRas's default 1e-5 in
     * normalised device units at this size), gamma 1e-4 with depths normalised over 0.1..10 m (about a factor e per
     * millimetre between two surfaces), at most 8 faces a pixel.
     */
    public static SoftRasterSettings s2hand() {
        return new SoftRasterSettings(224, 0.125, 1e-4, 0.1, 10, new double[] {1, 1, 1}, 8, 1e-4);
    }

    /** Nearly hard edges and nearly a depth test: for comparing with a hard rasteriser. */
    public SoftRasterSettings sharp() {
        return new SoftRasterSettings(size, 1e-4, 1e-6, near, far, background, maxFaces, cutoff);
    }

    public SoftRasterSettings withSize(int newSize) {
        return new SoftRasterSettings(newSize, sigma, gamma, near, far, background, maxFaces, cutoff);
    }

    public SoftRasterSettings withBlur(double newSigma, double newGamma) {
        return new SoftRasterSettings(size, newSigma, newGamma, near, far, background, maxFaces, cutoff);
    }

    @Override
    public double[] background() {
        return background.clone();
    }

    /** The squared distance outside a face beyond which its coverage is below {@link #cutoff}, px^2. */
    double reach() {
        return sigma * Math.log(1 / cutoff - 1);
    }
}
