package org.ambidex.eval;

/**
 * The per-hand joint orders the evaluation protocols need, as index permutations (SEED_SPEC.md A.6, D.4).
 * Kept private to this package until the named orders of {@code org.ambidex.hand} are available; every
 * permutation the evaluation uses lives here and nowhere else.
 */
final class JointOrders {

    /** For OpenPose slot j, the index of that joint in the MANO-16-plus-tips order. */
    static final int[] MANO16_TIPS_INDEX_OF_OPENPOSE = {
        0, 13, 14, 15, 16, 1, 2, 3, 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20};

    /** For InterHand2.6M slot k (one hand block, tip first, wrist last), the OpenPose index of that joint. */
    static final int[] OPENPOSE_INDEX_OF_INTERHAND = {
        4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9, 16, 15, 14, 13, 20, 19, 18, 17, 0};

    /** Names of the OpenPose joints (CMC-style numbering per finger: 1 = base ... 4 = tip). */
    static final String[] OPENPOSE_NAMES = {
        "wrist", "thumb1", "thumb2", "thumb3", "thumb4", "index1", "index2", "index3", "index4",
        "middle1", "middle2", "middle3", "middle4", "ring1", "ring2", "ring3", "ring4",
        "pinky1", "pinky2", "pinky3", "pinky4"};

    private JointOrders() {
    }
}
