package org.ambidex.train.zhang;

/**
 * One prepared training example, as the reference's {@code Dataset.__getitem__} returns it (after augmentation).
 *
 * @param chw {@code 3 x 256 x 256} RGB / 255, planar
 * @param joints {@code 42 x 3} camera-frame joints, mm, v2 order (smplx's 16 then the tips thumb..pinky), right
 *     hand then left; a hand without MANO parameters holds a stand-in (the other hand's joints) that every loss
 *     term masks out
 * @param jointValid 42 flags (1 or 0), in the same order
 * @param handType right and left presence (1 or 0)
 * @param betas the annotated shape parameters, right then left (10 each; zero for a hand without them)
 * @param manoValid right and left: 1 where the frame's MANO parameters include the hand
 */
public record ZhangExample(float[] chw, float[] joints, float[] jointValid, float[] handType, float[] betas,
                           float[] manoValid) {
}
