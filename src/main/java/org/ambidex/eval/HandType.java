package org.ambidex.eval;

/** Which hands a frame shows, as InterHand2.6M's {@code hand_type} annotation. */
public enum HandType {
    RIGHT, LEFT, INTERACTING;

    /** True for a single-hand frame (right or left). */
    public boolean isSingle() {
        return this != INTERACTING;
    }

    /** Whether hand {@code hand} (0 right, 1 left) is in the frame. */
    public boolean shows(int hand) {
        return this == INTERACTING || (hand == Hands.RIGHT ? this == RIGHT : this == LEFT);
    }

    /** The split a frame of this type belongs to. */
    public Split split() {
        return isSingle() ? Split.SINGLE : Split.INTERACTING;
    }
}
