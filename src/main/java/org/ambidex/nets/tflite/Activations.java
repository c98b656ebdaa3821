package org.ambidex.nets.tflite;

import ai.djl.ndarray.NDArray;
import org.ambidex.io.tflite.TfliteActivation;

/** TFLite's fused activations. */
final class Activations {

    private Activations() {
    }

    /**
     * {@code x} after {@code activation}: unchanged, or {@code min(max(x, 0), 6)} in a new array, {@code x} being
     * closed (the caller passes an array it owns).
     */
    static NDArray apply(TfliteActivation activation, NDArray x) {
        if (activation == TfliteActivation.NONE) {
            return x;
        }
        NDArray y = x.clip(0f, 6f);
        x.close();
        return y;
    }
}
