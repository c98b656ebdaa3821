package org.ambidex.nets.twohand;

import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;

/**
 * Places a predicted hand in the camera frame: the weak-perspective scale {@code s} of a crop of side {@code S}
 * pixels seen with focal length {@code f} (crop pixels) means the root is at depth {@code Z = 2 f / (S s)}; the
 * root's crop pixel back-projected at that depth gives its position. Root-relative joints and vertices are then
 * translated there. (The weak-perspective model treats the hand as flat at its root's depth, which is accurate to
 * the hand's depth extent over its distance.)
 */
public final class CameraPlacement {

    private CameraPlacement() {
    }

    /**
     * The root of hand {@code hand} of {@code p}, metres, camera frame.
     *
     * @param inputIntrinsics intrinsics of the network input (crop pixels)
     * @param inputSize side of the network input, pixels
     */
    public static Vec3 root(TwoHandPrediction p, int hand, Intrinsics inputIntrinsics, int inputSize) {
        double f = (inputIntrinsics.fx() + inputIntrinsics.fy()) / 2;
        double z = 2 * f / (inputSize * p.scale()[hand]);
        double[] uv = p.rootUv()[hand];
        return inputIntrinsics.unproject(uv[0], uv[1], z);
    }

    /** Packed points (x, y, z, ...) moved by {@code t}. */
    public static double[] translated(double[] points, Vec3 t) {
        double[] out = new double[points.length];
        for (int i = 0; i < points.length; i += 3) {
            out[i] = points[i] + t.x();
            out[i + 1] = points[i + 1] + t.y();
            out[i + 2] = points[i + 2] + t.z();
        }
        return out;
    }
}
