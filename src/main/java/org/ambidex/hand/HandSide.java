package org.ambidex.hand;

import java.util.Locale;

/** Which hand. In every two-hand array index 0 is the right hand and index 1 the left (as InterHand2.6M). */
public enum HandSide {
    RIGHT(0, "right"),
    LEFT(1, "left");

    private final int index;
    private final String label;

    HandSide(int index, String label) {
        this.index = index;
        this.label = label;
    }

    /** Position in two-hand arrays: 0 right, 1 left. */
    public int index() {
        return index;
    }

    /** Lower-case name as used in files ({@code right}, {@code left}). */
    public String label() {
        return label;
    }

    public HandSide other() {
        return this == RIGHT ? LEFT : RIGHT;
    }

    /** The side at two-hand index {@code index} (0 right, 1 left). */
    public static HandSide ofIndex(int index) {
        return switch (index) {
            case 0 -> RIGHT;
            case 1 -> LEFT;
            default -> throw new IllegalArgumentException("hand index must be 0 (right) or 1 (left), got " + index);
        };
    }

    /** The side named {@code right}/{@code left} (any case, also {@code r}/{@code l}), or null. */
    public static HandSide parseOrNull(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "right", "r" -> RIGHT;
            case "left", "l" -> LEFT;
            default -> null;
        };
    }

    /**
     * The side a file name states ({@code MANO_RIGHT.pkl}, {@code hand_left.npz}: a {@code right} or
     * {@code left} word, any case), or null when it names neither or both.
     */
    public static HandSide fromFileName(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        boolean right = n.matches(".*(^|[^a-z])right([^a-z]|$).*");
        boolean left = n.matches(".*(^|[^a-z])left([^a-z]|$).*");
        if (right == left) {
            return null;
        }
        return right ? RIGHT : LEFT;
    }

    @Override
    public String toString() {
        return label;
    }
}
