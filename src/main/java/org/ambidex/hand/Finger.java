package org.ambidex.hand;

/** The five fingers, in the canonical order thumb, index, middle, ring, pinky. */
public enum Finger {
    THUMB("thumb"),
    INDEX("index"),
    MIDDLE("middle"),
    RING("ring"),
    PINKY("pinky");

    private final String label;

    Finger(String label) {
        this.label = label;
    }

    /** Lower-case name as in InterHand2.6M joint names ({@code thumb}, {@code index}...). */
    public String label() {
        return label;
    }
}
