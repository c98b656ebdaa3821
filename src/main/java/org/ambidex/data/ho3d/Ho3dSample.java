package org.ambidex.data.ho3d;

import java.nio.file.Path;
import org.ambidex.geom.Intrinsics;

/**
 * One HO-3D frame (a right hand holding an object) as ambidex uses it: points converted to the OpenCV camera frame
 * ({@link Ho3dCamera}) and joints to the OpenPose/FreiHAND order; the MANO parameters as HO-3D stores them.
 *
 * @param index the frame's line in the split's list file, from 0
 * @param sequence the sequence name (the list line's part before the slash)
 * @param frame the frame name (after the slash, e.g. {@code 0042})
 * @param image the RGB image, 640 x 480 pixels
 * @param intrinsics {@code camMat}, pixels of that image (OpenCV frame)
 * @param joints 21 x 3 packed joints, metres, OpenCV camera frame, OpenPose order; null in the evaluation split,
 *     whose files hold the root only
 * @param root the wrist, metres, OpenCV camera frame; null when the file has no {@code handJoints3D}
 * @param boundingBox the evaluation split's {@code handBoundingBox}: {@code x1, y1, x2, y2} pixels; null otherwise
 * @param handPose {@code handPose}: 48 axis-angle values, root then 15 joints, full rotations (HO-3D's tools pose
 *     MANO with {@code flat_hand_mean=True}), root orientation in the OpenGL frame; null when absent
 * @param handBeta {@code handBeta}: 10 shape coefficients; null when absent
 * @param handTrans {@code handTrans}: translation, metres, OpenGL frame (as stored); null when absent
 */
public record Ho3dSample(int index, String sequence, String frame, Path image, Intrinsics intrinsics,
                         double[] joints, double[] root, double[] boundingBox, double[] handPose, double[] handBeta,
                         double[] handTrans) {

    public Ho3dSample {
        joints = copy(joints);
        root = copy(root);
        boundingBox = copy(boundingBox);
        handPose = copy(handPose);
        handBeta = copy(handBeta);
        handTrans = copy(handTrans);
    }

    @Override
    public double[] joints() {
        return copy(joints);
    }

    @Override
    public double[] root() {
        return copy(root);
    }

    @Override
    public double[] boundingBox() {
        return copy(boundingBox);
    }

    @Override
    public double[] handPose() {
        return copy(handPose);
    }

    @Override
    public double[] handBeta() {
        return copy(handBeta);
    }

    @Override
    public double[] handTrans() {
        return copy(handTrans);
    }

    /** The list line of the frame, {@code seq/frame}. */
    public String name() {
        return sequence + "/" + frame;
    }

    private static double[] copy(double[] a) {
        return a == null ? null : a.clone();
    }
}
