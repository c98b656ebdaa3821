package org.ambidex.detect;

import java.util.List;

/** A network the finder runs: a batch of NHWC float32 inputs in, the outputs in the network's order out. */
@FunctionalInterface
public interface Network {

    /**
     * Runs {@code batch} inputs.
     *
     * @param nhwc {@code [batch, H, W, 3]} flattened, values in [0, 1]
     * @return each output {@code [batch, ...]} flattened, in the network's output order
     */
    List<float[]> run(float[] nhwc, int batch);
}
