package org.ambidex.nets.tflite;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.ambidex.io.tflite.TfliteModel;
import org.slf4j.LoggerFactory;

/**
 * A validated TFLite model run on DJL's PyTorch engine, with the numbers of the TFLite runtime (to float rounding).
 * Two ways, chosen by {@link Execution}: on the CPU the whole graph is one TorchScript module whose convolutions
 * are libtorch's XNNPACK operators, the library TFLite itself runs them with ({@link Execution#SCRIPTED}); on other
 * devices (a GPU build) the ops run one by one through DJL ({@link Execution#OP_BY_OP}): weights widened and
 * permuted once at load, activations NCHW (the input permuted from NHWC once), TFLite's SAME padding reproduced
 * exactly, reshapes flattening in NHWC order as the file does.
 *
 * <p>{@link #run} takes a batch of images although the file is for one: every computed tensor has the batch first,
 * so that axis simply grows. Repeated runs leak no native memory. Scripted networks run one at a time on one
 * thread of the process (the XNNPACK pool is one per process); op-by-op networks are not safe for concurrent use:
 * give each thread its own network ({@link #load} reads no file, it only copies the weights to the engine).
 */
public final class TfliteNetwork implements AutoCloseable {

    /** How the graph runs. */
    public enum Execution {
        /**
         * The default: {@link #SCRIPTED} on the CPU (or {@link #OP_BY_OP}, with a warning, where the engine's build
         * cannot load it), {@link #OP_BY_OP} on other devices.
         */
        AUTO,
        /** One TorchScript call per run, XNNPACK convolutions (CPU only). */
        SCRIPTED,
        /** One DJL call per op (any device). */
        OP_BY_OP
    }

    /** The system property that chooses how {@link #load(TfliteModel)} runs graphs. */
    public static final String EXECUTION_PROPERTY = "ambidex.tflite.execution";

    private final NDManager manager;
    private final GraphRun graph;
    private final Execution execution;
    private final int[] inputShape;
    private final List<String> outputNames;
    private final List<int[]> outputShapes;

    private TfliteNetwork(NDManager manager, TfliteModel model, GraphRun graph, Execution execution) {
        this.manager = manager;
        this.graph = graph;
        this.execution = execution;
        List<Integer> outputs = model.outputs();
        this.inputShape = model.tensor(model.inputs().get(0)).shapeArray();
        this.outputNames = outputs.stream().map(i -> model.tensor(i).name()).toList();
        this.outputShapes = outputs.stream().map(i -> model.tensor(i).shapeArray()).toList();
    }

    /**
     * Builds the graph of {@code model} on a new {@link NDManager} (close the network to free it), as the system
     * property {@value #EXECUTION_PROPERTY} says ({@code AUTO}, {@code SCRIPTED} or {@code OP_BY_OP}; {@code AUTO}
     * when unset).
     */
    public static TfliteNetwork load(TfliteModel model) {
        String chosen = System.getProperty(EXECUTION_PROPERTY, Execution.AUTO.name());
        try {
            return load(model, Execution.valueOf(chosen.trim().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("No enum constant")) {
                throw new IllegalArgumentException("system property " + EXECUTION_PROPERTY + " is '" + chosen
                    + "'; expected AUTO, SCRIPTED or OP_BY_OP", e);
            }
            throw e;
        }
    }

    /**
     * Builds the graph of {@code model} to run as {@code execution} on a new {@link NDManager} (close the network
     * to free it); {@link Execution#SCRIPTED} on a device other than the CPU is refused.
     */
    public static TfliteNetwork load(TfliteModel model, Execution execution) {
        NDManager manager = NDManager.newBaseManager();
        try {
            boolean cpu = !manager.getDevice().isGpu() && "cpu".equals(manager.getDevice().getDeviceType());
            Execution chosen = execution == Execution.AUTO ? (cpu ? Execution.SCRIPTED : Execution.OP_BY_OP) : execution;
            if (chosen == Execution.SCRIPTED && !cpu) {
                throw new IllegalArgumentException("scripted TFLite graphs run on the CPU only, not on "
                    + manager.getDevice());
            }
            if (chosen == Execution.SCRIPTED) {
                try {
                    return new TfliteNetwork(manager, model, new ScriptedGraph(model, manager), chosen);
                } catch (RuntimeException e) {
                    if (execution != Execution.AUTO) {
                        throw e;
                    }
                    // A libtorch built without XNNPACK (some platforms' builds) cannot load the script; the op-by-op
                    // graph gives the same numbers, only slower.
                    LoggerFactory.getLogger(TfliteNetwork.class).warn("{}: the scripted graph did not load ({}); running"
                        + " it op by op", model.source(), e.getMessage());
                    chosen = Execution.OP_BY_OP;
                }
            }
            return new TfliteNetwork(manager, model, new EagerGraph(model, manager), chosen);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** How this network runs ({@link Execution#SCRIPTED} or {@link Execution#OP_BY_OP}). */
    public Execution execution() {
        return execution;
    }

    /** The input shape as in the file, {@code [1, H, W, C]}. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** The output tensors' names, in the model's output order. */
    public List<String> outputNames() {
        return outputNames;
    }

    /** The output shapes as in the file (batch 1), in the model's output order. */
    public List<int[]> outputShapes() {
        return outputShapes.stream().map(int[]::clone).toList();
    }

    /**
     * Runs the network on {@code batch} images.
     *
     * @param nhwc  {@code batch x H x W x C} float32 values, image after image, NHWC (row-major, channels last),
     *              in the value range the model expects
     * @param batch the number of images, at least 1
     * @return the outputs in the model's output order, each {@code batch x ...} values flattened in the file's
     *     layout (NHWC for images)
     */
    public List<float[]> run(float[] nhwc, int batch) {
        int perImage = inputShape[1] * inputShape[2] * inputShape[3];
        if (batch < 1 || nhwc.length != (long) batch * perImage) {
            throw new IllegalArgumentException("expected " + batch + " x " + inputShape[1] + " x " + inputShape[2]
                + " x " + inputShape[3] + " floats, got " + nhwc.length);
        }
        return graph.run(nhwc, batch);
    }

    /** The manager holding the weights (tests check that runs leave nothing attached to it). */
    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
