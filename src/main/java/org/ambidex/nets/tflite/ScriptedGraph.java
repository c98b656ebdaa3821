package org.ambidex.nets.tflite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.io.tflite.TfliteModel;

/**
 * The graph as one TorchScript module ({@link ScriptGraph}) loaded into libtorch from memory and run on the
 * {@link ScriptThread}: CPU only (XNNPACK), one JNI call per run.
 */
final class ScriptedGraph implements GraphRun {

    private final NDManager manager;
    private final PtSymbolBlock module;
    private final int[] inputShape;
    /**
     * The input's native memory, kept from run to run (only the script thread touches it, one run at a time): a
     * new direct buffer per image cost 0.6 ms at one thread and 1.5-2 ms at two for the landmark network (zeroing,
     * and the JDK's direct-memory accounting), a quarter of the run.
     */
    private ByteBuffer input = ByteBuffer.allocateDirect(0);

    /** Loads {@code model}'s script into {@code manager} (a PyTorch CPU manager, which then owns the module). */
    ScriptedGraph(TfliteModel model, NDManager manager) {
        this.manager = manager;
        this.inputShape = model.tensor(model.inputs().get(0)).shapeArray();
        byte[] archive = ScriptGraph.archive(model);
        this.module = ScriptThread.call(() -> {
            try {
                return JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive), false, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** {@code nhwc} in the reused input buffer (grown when a larger batch comes), which the tensor then reads. */
    private ByteBuffer input(float[] nhwc) {
        if (input.capacity() < nhwc.length * Float.BYTES) {
            input = ByteBuffer.allocateDirect(nhwc.length * Float.BYTES).order(ByteOrder.nativeOrder());
        }
        input.clear();
        input.asFloatBuffer().put(nhwc);
        input.limit(nhwc.length * Float.BYTES);
        return input;
    }

    @Override
    public List<float[]> run(float[] nhwc, int batch) {
        return ScriptThread.call(() -> {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(input(nhwc), new Shape(batch, inputShape[1], inputShape[2], inputShape[3]),
                    DataType.FLOAT32);
                NDList outputs = module.forward(new ParameterStore(scope, false), new NDList(x), false);
                List<float[]> result = new ArrayList<>(outputs.size());
                for (NDArray o : outputs) {
                    result.add(o.toFloatArray());
                }
                outputs.close();
                return result;
            }
        });
    }
}
