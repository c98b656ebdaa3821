package org.ambidex.detect;

import java.util.List;

/**
 * Which of the found hands are right hands. Each hand's own probability decides, except that two hands in one
 * photo are most often one person's pair: the two are then labelled one right and one left, whichever way round
 * their probabilities make likelier, since the landmark network often calls both hands of a touching pair alike.
 */
public final class Handedness {

    private Handedness() {
    }

    /** Per hand, in order, whether it is a right hand. */
    public static boolean[] rightHands(List<DetectedHand> hands) {
        boolean[] right = new boolean[hands.size()];
        if (hands.size() == 2) {
            double a = hands.get(0).rightProbability();
            double b = hands.get(1).rightProbability();
            right[0] = a * (1 - b) >= (1 - a) * b;
            right[1] = !right[0];
            return right;
        }
        for (int i = 0; i < right.length; i++) {
            right[i] = hands.get(i).right();
        }
        return right;
    }
}
