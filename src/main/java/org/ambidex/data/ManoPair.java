package org.ambidex.data;

/**
 * The MANO parameters of both hands of one frame; either may be {@code null} when the dataset has none for it.
 *
 * @param right the right hand's parameters (hand index 0), or {@code null}
 * @param left the left hand's parameters (hand index 1), or {@code null}
 */
public record ManoPair(ManoParams right, ManoParams left) {

    public static final ManoPair NONE = new ManoPair(null, null);

    /** Hand {@code hand}: 0 = right, 1 = left. */
    public ManoParams get(int hand) {
        return switch (hand) {
            case 0 -> right;
            case 1 -> left;
            default -> throw new IndexOutOfBoundsException("hand index " + hand + ", expected 0 (right) or 1 (left)");
        };
    }
}
