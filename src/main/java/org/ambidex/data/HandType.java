package org.ambidex.data;

import java.util.Locale;

/**
 * Which hands an annotation covers, as InterHand2.6M labels it ({@code "right"}, {@code "left"},
 * {@code "interacting"}).
 */
public enum HandType {
    RIGHT,
    LEFT,
    INTERACTING;

    /** The label used in the annotation files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether hand {@code hand} (0 = right, 1 = left) is present. */
    public boolean has(int hand) {
        return this == INTERACTING || (hand == 0 ? this == RIGHT : this == LEFT);
    }

    /** InterNet's handedness target: right {@code [1,0]}, left {@code [0,1]}, interacting {@code [1,1]}. */
    public double[] presence() {
        return new double[] {has(0) ? 1 : 0, has(1) ? 1 : 0};
    }

    /** True for a single right or left hand. */
    public boolean single() {
        return this != INTERACTING;
    }

    /** The type for a label of the annotation files, or {@code null} when the label is not one of them. */
    public static HandType ofLabel(String label) {
        for (HandType t : values()) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        return null;
    }

    /** The type with the given hands present; {@code null} when neither is. */
    public static HandType ofPresence(boolean right, boolean left) {
        if (right && left) {
            return INTERACTING;
        }
        return right ? RIGHT : left ? LEFT : null;
    }
}
