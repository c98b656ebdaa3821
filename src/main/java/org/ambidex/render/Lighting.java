package org.ambidex.render;

/**
 * Lights fixed to the camera (camera frame: x right, y down, z forward), so a mesh looks the same from any
 * viewpoint: a key light from the upper left, a weaker fill light from the right, ambient light and a little
 * Blinn-Phong specular highlight of the key light. Directions point from the surface toward the light.
 *
 * @param key direction toward the key light, camera frame (normalised on use)
 * @param keyIntensity diffuse weight of the key light
 * @param fill direction toward the fill light, camera frame
 * @param fillIntensity diffuse weight of the fill light
 * @param ambient weight of the direction-free light
 * @param specular weight of the key light's highlight (white)
 * @param shininess Blinn-Phong exponent
 */
public record Lighting(double[] key, double keyIntensity, double[] fill, double fillIntensity, double ambient,
                       double specular, int shininess) {

    /** The lighting ambidex uses unless told otherwise. */
    public static final Lighting DEFAULT = new Lighting(new double[] {-0.45, -0.6, -0.65}, 0.72,
        new double[] {0.7, 0.1, -0.7}, 0.25, 0.22, 0.12, 32);

    /** Flat lighting: every surface gets its colour exactly (for masks and tests). */
    public static final Lighting FLAT = new Lighting(new double[] {0, 0, -1}, 0, new double[] {0, 0, -1}, 0, 1, 0, 1);

    public Lighting {
        key = unit(key);
        fill = unit(fill);
        if (shininess < 1) {
            throw new IllegalArgumentException("shininess must be at least 1");
        }
    }

    @Override
    public double[] key() {
        return key.clone();
    }

    @Override
    public double[] fill() {
        return fill.clone();
    }

    private static double[] unit(double[] v) {
        if (v.length != 3) {
            throw new IllegalArgumentException("a light direction has 3 components");
        }
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (!(n > 0)) {
            throw new IllegalArgumentException("a light direction must not be zero");
        }
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
