package org.ambidex.fit;

import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Vec3;

/**
 * The translation that places a metric point set in front of a pinhole camera so that it projects onto given
 * pixels, in closed form: {@code u = fx (X + tx)/(Z + tz) + cx} is linear in t once multiplied out,
 * {@code fx tx - (u - cx) tz = (u - cx) Z - fx X} (likewise for v), and the 2n equations are solved by least
 * squares. This algebraic solution starts the reprojection refinement; the depth comes from the points' metric
 * size against their spread in the image.
 */
final class CameraPlacement {

    /** The nearest a placed point may come to the camera, metres. */
    static final double MIN_DEPTH = 0.05;

    private CameraPlacement() {
    }

    /**
     * @param points n points (n x 3, metres) relative to the unknown translation
     * @param pixels their image positions (n x 2)
     * @throws IllegalArgumentException when the pixels do not determine a translation (all at one point)
     */
    static double[] translation(double[] points, double[] pixels, Intrinsics k) {
        double[] ata = new double[9];
        double[] atb = new double[3];
        int n = points.length / 3;
        for (int i = 0; i < n; i++) {
            double du = pixels[2 * i] - k.cx();
            double dv = pixels[2 * i + 1] - k.cy();
            double x = points[3 * i];
            double y = points[3 * i + 1];
            double z = points[3 * i + 2];
            accumulate(ata, atb, k.fx(), 0, -du, du * z - k.fx() * x);
            accumulate(ata, atb, 0, k.fy(), -dv, dv * z - k.fy() * y);
        }
        Vec3 t;
        try {
            t = Mat3.ofRowMajor(ata).inverse().times(new Vec3(atb[0], atb[1], atb[2]));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the image landmarks do not determine where the hand is (they "
                + "coincide)", e);
        }
        double nearest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            nearest = Math.min(nearest, points[3 * i + 2] + t.z());
        }
        // Landmarks that put the hand behind the camera are inconsistent; start in front and let the refinement
        // decide.
        double tz = nearest < MIN_DEPTH ? t.z() + MIN_DEPTH - nearest : t.z();
        return new double[] {t.x(), t.y(), tz};
    }

    private static void accumulate(double[] ata, double[] atb, double a0, double a1, double a2, double b) {
        double[] a = {a0, a1, a2};
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                ata[3 * r + c] += a[r] * a[c];
            }
            atb[r] += a[r] * b;
        }
    }
}
