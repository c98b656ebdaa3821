package org.ambidex.fit;

import java.util.Objects;
import org.ambidex.hand.HandSide;

/**
 * The hand model fitted to one hand's landmarks, in the camera frame (OpenCV: x right, y down, z forward; metres),
 * in the parameter convention of {@code ambidex.reconstruction/1} (docs/FORMATS.md): posing the model with
 * {@code betas}, {@code globalOrient} and {@code handPose} ({@code flat_hand_mean=False}, i.e. {@code hands_mean}
 * added) and adding {@code transl} gives {@code vertices}. The arrays are copied when the value is made and belong
 * to it: read them, do not modify them (the mesh alone is V x 3 values, too many to copy on every access).
 *
 * @param side which hand, and so which model side was fitted
 * @param betas the shape coefficients (the model's count, 10 for MANO and the open model)
 * @param globalOrient the root rotation (3, axis-angle, radians, camera frame, about the rest wrist joint)
 * @param handPose the finger pose (45 axis-angle values, radians, MANO joint order, relative to hands_mean)
 * @param transl the translation (3, metres)
 * @param vertices the posed mesh (V x 3, metres, camera frame)
 * @param joints the 21 keypoints (21 x 3, metres, camera frame, OpenPose order; fingertips are the
 *     {@code FingertipSet.INTAGHAND} vertices, or the model's own tips)
 * @param worldRmsMm root-mean-square distance, millimetres, between the fitted joints and the world landmarks
 *     (as scaled by {@link FitOptions#worldScale()}) after the translation that best aligns them (the world
 *     landmarks' origin is arbitrary)
 * @param imageRmsPx root-mean-square distance, pixels, between the projected fitted joints and the image landmarks
 * @param iterations the Levenberg-Marquardt iterations of all stages together
 */
public record HandFit(HandSide side, double[] betas, double[] globalOrient, double[] handPose, double[] transl,
                      double[] vertices, double[] joints, double worldRmsMm, double imageRmsPx, int iterations) {

    public HandFit {
        Objects.requireNonNull(side, "side");
        betas = betas.clone();
        globalOrient = length(globalOrient, 3, "globalOrient");
        handPose = length(handPose, 45, "handPose");
        transl = length(transl, 3, "transl");
        vertices = vertices.clone();
        joints = length(joints, 63, "joints");
        if (vertices.length % 3 != 0) {
            throw new IllegalArgumentException("vertices need V x 3 values, got " + vertices.length);
        }
    }

    private static double[] length(double[] a, int n, String name) {
        if (a.length != n) {
            throw new IllegalArgumentException(name + " needs " + n + " values, got " + a.length);
        }
        return a.clone();
    }
}
