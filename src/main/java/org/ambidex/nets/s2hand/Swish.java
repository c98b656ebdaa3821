package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** EfficientNet's activation, {@code x * sigmoid(x)} (also called SiLU). */
final class Swish {

    private Swish() {
    }

    static NDArray apply(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }
}
