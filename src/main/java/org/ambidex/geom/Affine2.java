package org.ambidex.geom;

/**
 * An immutable 2D affine map {@code (x', y') = A (x, y, 1)} with {@code A} a 2x3 matrix
 * {@code [[a, b, c], [d, e, f]]}, as OpenCV's {@code warpAffine} matrices. Used for crops: source pixel
 * coordinates to destination pixel coordinates.
 */
public record Affine2(double a, double b, double c, double d, double e, double f) {

    public static final Affine2 IDENTITY = new Affine2(1, 0, 0, 0, 1, 0);

    /** From a row-major 2x3 array. */
    public static Affine2 ofRowMajor(double[] m) {
        return new Affine2(m[0], m[1], m[2], m[3], m[4], m[5]);
    }

    public double[] apply(double x, double y) {
        return new double[] {a * x + b * y + c, d * x + e * y + f};
    }

    /** This map applied to packed points {@code (x, y, ...)}. */
    public double[] applyAll(double[] xy) {
        double[] out = new double[xy.length];
        for (int i = 0; i + 1 < xy.length; i += 2) {
            out[i] = a * xy[i] + b * xy[i + 1] + c;
            out[i + 1] = d * xy[i] + e * xy[i + 1] + f;
        }
        return out;
    }

    /** The map that applies {@code first}, then this. */
    public Affine2 after(Affine2 first) {
        return new Affine2(a * first.a + b * first.d, a * first.b + b * first.e, a * first.c + b * first.f + c,
            d * first.a + e * first.d, d * first.b + e * first.e, d * first.c + e * first.f + f);
    }

    public Affine2 inverse() {
        double det = a * e - b * d;
        if (det == 0 || !Double.isFinite(det)) {
            throw new ArithmeticException("singular affine map");
        }
        double ia = e / det;
        double ib = -b / det;
        double id = -d / det;
        double ie = a / det;
        return new Affine2(ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f));
    }

    public double[] toRowMajor() {
        return new double[] {a, b, c, d, e, f};
    }
}
