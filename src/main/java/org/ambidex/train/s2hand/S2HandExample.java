package org.ambidex.train.s2hand;

import org.ambidex.geom.Intrinsics;

/**
 * One training input of S2HAND: a 224 x 224 crop with its camera and the detected 2-D keypoints it learns from.
 *
 * @param chw the crop, 3 x 224 x 224 planar RGB in [0, 1]
 * @param intrinsics the crop's camera, pixels
 * @param keypoints 21 x 2 packed keypoints in crop pixels (OpenPose/FreiHAND order)
 * @param confidences 21 detection confidences in [0, 1] (0: not detected)
 */
public record S2HandExample(float[] chw, Intrinsics intrinsics, double[] keypoints, double[] confidences) {

    public S2HandExample {
        if (chw.length != 3 * 224 * 224 || keypoints.length != 42 || confidences.length != 21) {
            throw new IllegalArgumentException("an example is a 3 x 224 x 224 crop with 21 keypoints and confidences");
        }
        chw = chw.clone();
        keypoints = keypoints.clone();
        confidences = confidences.clone();
    }
}
