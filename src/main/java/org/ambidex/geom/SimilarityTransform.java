package org.ambidex.geom;

/**
 * A similarity transform {@code x -> scale * R x + t} of 3-D points. {@code R} is orthogonal; it is a proper
 * rotation unless a reflection was allowed when the transform was fitted.
 *
 * @param scale isotropic scale (dimensionless)
 * @param rotation orthogonal 3x3 matrix
 * @param translation translation, in the unit of the points
 */
public record SimilarityTransform(double scale, Mat3 rotation, Vec3 translation) {

    public static final SimilarityTransform IDENTITY = new SimilarityTransform(1, Mat3.IDENTITY, Vec3.ZERO);

    public Vec3 apply(Vec3 p) {
        return rotation.times(p).times(scale).plus(translation);
    }

    /** Applies the transform to {@code n x 3} packed points ({@code x0,y0,z0,x1,...}); returns a new array. */
    public double[] applyToPoints(double[] points) {
        if (points.length % 3 != 0) {
            throw new IllegalArgumentException("packed 3-D points need a multiple of 3 values, got " + points.length);
        }
        double[] out = new double[points.length];
        for (int i = 0; i < points.length; i += 3) {
            Vec3 q = apply(Vec3.of(points, i));
            out[i] = q.x();
            out[i + 1] = q.y();
            out[i + 2] = q.z();
        }
        return out;
    }
}
