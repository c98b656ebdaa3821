package org.ambidex.nets.tflite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    @Override
    public List<float[]> run(float[] nhwc, int batch) {
        return ScriptThread.call(() -> {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(nhwc, new Shape(batch, inputShape[1], inputShape[2], inputShape[3]));
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
