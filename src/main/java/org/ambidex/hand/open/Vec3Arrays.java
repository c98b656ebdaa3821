package org.ambidex.hand.open;

/** Small helpers on 3-vectors held as {@code double[3]}; the generator's inner loops use plain arrays. */
final class Vec3Arrays {

    private Vec3Arrays() {
    }

    static double[] of(double x, double y, double z) {
        return new double[] {x, y, z};
    }

    static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    /** {@code a + s b}. */
    static double[] axpy(double[] a, double s, double[] b) {
        return new double[] {a[0] + s * b[0], a[1] + s * b[1], a[2] + s * b[2]};
    }

    static double[] lerp(double[] a, double[] b, double t) {
        return new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] unit(double[] a) {
        double n = norm(a);
        return scale(a, 1.0 / n);
    }

    /** The component of {@code a} orthogonal to the unit vector {@code u}, normalised. */
    static double[] orthoUnit(double[] a, double[] u) {
        return unit(axpy(a, -dot(a, u), u));
    }
}
