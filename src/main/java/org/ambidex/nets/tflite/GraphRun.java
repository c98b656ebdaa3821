package org.ambidex.nets.tflite;

import java.util.List;

/** One way of running a compiled graph: op by op from Java, or as one TorchScript call. */
interface GraphRun {

    /**
     * The outputs for {@code batch} NHWC images (validated by the caller), each {@code batch x ...} values in the
     * file's layout, in the model's output order.
     */
    List<float[]> run(float[] nhwc, int batch);
}
