package org.ambidex.geom;

/** An immutable 3-vector of doubles (a point or a direction; units are the caller's, metres by convention). */
public record Vec3(double x, double y, double z) {

    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    /** The vector {@code (a[offset], a[offset+1], a[offset+2])}. */
    public static Vec3 of(double[] a, int offset) {
        return new Vec3(a[offset], a[offset + 1], a[offset + 2]);
    }

    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    public Vec3 times(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double norm() {
        return Math.sqrt(x * x + y * y + z * z);
    }

    /** Euclidean distance to {@code o}. */
    public double distance(Vec3 o) {
        return minus(o).norm();
    }

    /** This vector scaled to unit length; the zero vector stays zero. */
    public Vec3 normalized() {
        double n = norm();
        return n == 0 ? this : times(1 / n);
    }

    public double[] toArray() {
        return new double[] {x, y, z};
    }
}
