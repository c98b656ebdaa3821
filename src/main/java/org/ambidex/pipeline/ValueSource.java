package org.ambidex.pipeline;

import java.util.Locale;

/** Where a value of a {@link Reconstruction} came from, so that a reader can tell a measurement from a guess. */
public enum ValueSource {
    /** Given by the caller (a command-line option, a dataset annotation). */
    GIVEN,
    /** Estimated by the model from the image. */
    ESTIMATED,
    /** Neither given nor estimated: a documented default (the assumed camera of a photo without intrinsics). */
    ASSUMED;

    /** The lower-case name written into {@code ambidex.reconstruction/1}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
