package org.ambidex.data.ho3d;

/**
 * HO-3D's camera convention, the one place it is converted: HO-3D stores 3-D points (joints, vertices, MANO
 * translation, object corners) in the OpenGL camera frame (x right, y up, z towards the viewer, so the hand has
 * negative z), and its {@code camMat} is a plain pinhole matrix for the same points in the OpenCV frame (x right,
 * y down, z forward). The two frames differ by {@code diag(1, -1, -1)}, its own inverse, which HO-3D's tools apply
 * to the points ({@code coordChangeMat}) and S2HAND folds into K ({@code cam_extr}); either way the projection is
 * {@code camMat} applied to the OpenCV point.
 */
public final class Ho3dCamera {

    private Ho3dCamera() {
    }

    /** Packed x, y, z triples (metres) from HO-3D's OpenGL frame to ambidex's OpenCV frame: y and z negated. */
    public static double[] toOpenCv(double[] openGl) {
        return flipYz(openGl);
    }

    /** Packed x, y, z triples (metres) from ambidex's OpenCV frame to HO-3D's OpenGL frame: y and z negated. */
    public static double[] toOpenGl(double[] openCv) {
        return flipYz(openCv);
    }

    private static double[] flipYz(double[] xyz) {
        if (xyz.length % 3 != 0) {
            throw new IllegalArgumentException("expected packed x, y, z triples, got " + xyz.length + " values");
        }
        double[] out = xyz.clone();
        for (int i = 0; i < out.length; i += 3) {
            out[i + 1] = -out[i + 1];
            out[i + 2] = -out[i + 2];
        }
        return out;
    }
}
