package org.ambidex.eval;

/** The per-hand columns of a report table: left, right, and both hands together. */
public enum HandColumn {
    LEFT("left"), RIGHT("right"), BOTH("both");

    private final String label;

    HandColumn(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether hand {@code hand} (0 right, 1 left) counts in this column. */
    public boolean includes(int hand) {
        return this == BOTH || (this == RIGHT ? hand == Hands.RIGHT : hand == Hands.LEFT);
    }
}
