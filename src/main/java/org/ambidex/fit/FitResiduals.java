package org.ambidex.fit;

import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;

/** The residuals a {@link HandFit} reports, from its final joints (OpenPose order, camera frame, metres). */
final class FitResiduals {

    private FitResiduals() {
    }

    /**
     * Root-mean-square distance (metres) between {@code joints} and {@code world} (both n x 3) after the
     * translation that best aligns them: the world landmarks' origin is arbitrary.
     */
    static double worldRms(double[] joints, double[] world) {
        int n = joints.length / 3;
        double[] mean = new double[3];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                mean[c] += (joints[3 * i + c] - world[3 * i + c]) / n;
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                double d = joints[3 * i + c] - world[3 * i + c] - mean[c];
                sum += d * d;
            }
        }
        return Math.sqrt(sum / n);
    }

    /** Root-mean-square reprojection error (pixels) of {@code joints} (n x 3) against {@code pixels} (n x 2). */
    static double imageRms(double[] joints, double[] pixels, Intrinsics k) {
        int n = joints.length / 3;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double[] uv = k.project(Vec3.of(joints, 3 * i));
            double du = uv[0] - pixels[2 * i];
            double dv = uv[1] - pixels[2 * i + 1];
            sum += du * du + dv * dv;
        }
        return Math.sqrt(sum / n);
    }
}
