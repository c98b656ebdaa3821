package org.ambidex.eval;

/**
 * The MANO-derived ground truth of a frame's two hands.
 *
 * @param right the right hand, or null when the dataset has no MANO parameters for it
 * @param left the left hand, or null
 */
public record ManoTruth(ManoHand right, ManoHand left) {

    /** Hand {@code hand} (0 right, 1 left), or null. */
    public ManoHand hand(int hand) {
        return hand == Hands.RIGHT ? right : left;
    }
}
