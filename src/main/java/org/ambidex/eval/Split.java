package org.ambidex.eval;

/** The frame subsets reports break results down by. */
public enum Split {
    /** Frames showing one hand (InterHand2.6M hand type right or left). */
    SINGLE("single"),
    /** Frames showing two interacting hands. */
    INTERACTING("interacting"),
    /** Both of the above together. */
    ALL("all");

    private final String label;

    Split(String label) {
        this.label = label;
    }

    /** The split frames of hand type {@code type} belong to (SINGLE or INTERACTING). */
    public static Split of(org.ambidex.data.HandType type) {
        return type.single() ? SINGLE : INTERACTING;
    }

    public String label() {
        return label;
    }

    /** Whether frames of split {@code frames} (SINGLE or INTERACTING) count in this split. */
    public boolean includes(Split frames) {
        return this == ALL || this == frames;
    }
}
