package org.ambidex.nets.tflite;

import ai.djl.ndarray.NDArray;

/**
 * One op of the graph, compiled: its constants are already on the network's manager, in the layout the engine
 * wants. Activations of rank 4 are NCHW; other ranks are as in the file.
 */
@FunctionalInterface
interface Kernel {

    /**
     * The op's output for {@code inputs} (its activation inputs in the op's order; constant inputs are part of the
     * kernel) and a batch of {@code batch} images.
     */
    NDArray apply(NDArray[] inputs, int batch);
}
