package org.ambidex.train.twohand;

/**
 * One training example: the normalised input crop and its targets, as flat float arrays (index 0 right hand,
 * 1 left; 0/1 floats for flags so batches stack them directly).
 *
 * @param id the sample's annotation id
 * @param image normalised input, 3 x S x S, planar
 * @param present per hand, 1 when the hand is annotated in the frame (2)
 * @param joints per hand, 21 x 3 root-relative joints, metres, camera frame, OpenPose order (2 x 63)
 * @param jointValid per hand and joint, 1 when annotated (2 x 21)
 * @param uv per hand, 21 x 2 joints in normalised crop coordinates [-1, 1] (2 x 42)
 * @param offset left wrist minus right wrist, metres (3)
 * @param offsetValid 1 when both wrists are annotated
 * @param rootPose per hand, the root axis-angle in the camera frame (2 x 3)
 * @param fingerPose per hand, the 45 finger axis-angles relative to the hand mean (2 x 45)
 * @param betas per hand, the 10 shape coefficients (2 x 10)
 * @param manoValid per hand, 1 when hand-model parameters are annotated (2)
 */
public record TwoHandExample(long id, float[] image, float[] present, float[] joints, float[] jointValid, float[] uv,
                             float[] offset, float offsetValid, float[] rootPose, float[] fingerPose, float[] betas,
                             float[] manoValid) {
}
