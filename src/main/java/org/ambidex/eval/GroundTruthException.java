package org.ambidex.eval;

/** A fault of the ground truth rather than of the predictions (two samples with one id), reported against the data. */
public final class GroundTruthException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public GroundTruthException(String message) {
        super(message);
    }
}
