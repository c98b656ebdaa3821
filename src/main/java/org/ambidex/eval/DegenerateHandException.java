package org.ambidex.eval;

/** A predicted hand that an alignment cannot handle (for example a zero wrist-to-MCP length). */
public final class DegenerateHandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DegenerateHandException(String message) {
        super(message);
    }
}
