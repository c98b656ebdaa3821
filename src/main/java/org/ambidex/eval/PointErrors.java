package org.ambidex.eval;

import org.ambidex.geom.Intrinsics;

/** Distances between corresponding points, and projection to pixels; packed arrays, any one unit. */
public final class PointErrors {

    private PointErrors() {
    }

    /** Euclidean distance of each of the n corresponding 3-D points (packed n x 3). */
    public static double[] distances3d(double[] gt, double[] pred) {
        if (gt.length != pred.length || gt.length % 3 != 0) {
            throw new IllegalArgumentException("3-D point sets differ in size: " + gt.length + " and " + pred.length);
        }
        double[] out = new double[gt.length / 3];
        for (int i = 0; i < out.length; i++) {
            double dx = gt[3 * i] - pred[3 * i];
            double dy = gt[3 * i + 1] - pred[3 * i + 1];
            double dz = gt[3 * i + 2] - pred[3 * i + 2];
            out[i] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return out;
    }

    /** Euclidean distance of each of the n corresponding 2-D points (packed n x 2), e.g. pixels. */
    public static double[] distances2d(double[] gt, double[] pred) {
        if (gt.length != pred.length || gt.length % 2 != 0) {
            throw new IllegalArgumentException("2-D point sets differ in size: " + gt.length + " and " + pred.length);
        }
        double[] out = new double[gt.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.hypot(gt[2 * i] - pred[2 * i], gt[2 * i + 1] - pred[2 * i + 1]);
        }
        return out;
    }

    /** Pinhole projection of packed n x 3 camera-frame points to packed n x 2 pixels ({@code X K^T}, divide by z). */
    public static double[] project(double[] points, Intrinsics k) {
        double[] out = new double[points.length / 3 * 2];
        for (int i = 0; i < points.length / 3; i++) {
            double z = points[3 * i + 2];
            out[2 * i] = k.fx() * points[3 * i] / z + k.cx();
            out[2 * i + 1] = k.fy() * points[3 * i + 1] / z + k.cy();
        }
        return out;
    }
}
