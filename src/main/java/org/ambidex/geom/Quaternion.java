package org.ambidex.geom;

/**
 * An immutable quaternion {@code w + xi + yj + zk}; unit quaternions represent rotations (Hamilton
 * convention, as Eigen, SciPy's {@code as_quat} reordered to scalar-first, and manopth).
 */
public record Quaternion(double w, double x, double y, double z) {

    public static final Quaternion IDENTITY = new Quaternion(1, 0, 0, 0);

    public double norm() {
        return Math.sqrt(w * w + x * x + y * y + z * z);
    }

    /** This quaternion scaled to unit norm; fails for the zero quaternion. */
    public Quaternion normalized() {
        double n = norm();
        if (n == 0 || !Double.isFinite(n)) {
            throw new ArithmeticException("cannot normalise quaternion " + this);
        }
        return new Quaternion(w / n, x / n, y / n, z / n);
    }

    /** The Hamilton product {@code this * o} (apply {@code o} first, then this). */
    public Quaternion times(Quaternion o) {
        return new Quaternion(
            w * o.w - x * o.x - y * o.y - z * o.z,
            w * o.x + x * o.w + y * o.z - z * o.y,
            w * o.y - x * o.z + y * o.w + z * o.x,
            w * o.z + x * o.y - y * o.x + z * o.w);
    }

    public Quaternion conjugate() {
        return new Quaternion(w, -x, -y, -z);
    }
}
