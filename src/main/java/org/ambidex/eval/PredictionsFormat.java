package org.ambidex.eval;

/** Names of the {@code ambidex.predictions/1} JSON format (docs/FORMATS.md). */
final class PredictionsFormat {

    static final String FORMAT = "ambidex.predictions/1";
    static final String OPENPOSE = "openpose";
    static final String INTERHAND = "interhand";

    private PredictionsFormat() {
    }
}
