package org.ambidex.nets.tflite;

import ai.djl.ndarray.NDArray;
import org.ambidex.io.tflite.TfliteActivation;

/** TFLite's fused activations. */
final class Activations {

    private Activations() {
    }

    /** {@code x} after {@code activation}: unchanged, or {@code min(max(x, 0), 6)}. */
    static NDArray apply(TfliteActivation activation, NDArray x) {
        return activation == TfliteActivation.RELU6 ? x.clip(0f, 6f) : x;
    }
}
