package org.ambidex.nets.tflite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.io.tflite.TfliteModel;
import org.ambidex.io.tflite.TfliteOperator;

/**
 * A validated TFLite model run on DJL's PyTorch engine, op by op, with the numbers of the TFLite runtime (to float
 * rounding): weights are widened and permuted once at load, activations are NCHW (the input is permuted from
 * NHWC once), TFLite's SAME padding is reproduced exactly, and reshapes flatten in NHWC order as the file does.
 * Arrays live on the engine's default device, so a GPU build runs on the GPU.
 *
 * <p>{@link #run} takes a batch of images although the file is for one: every computed tensor has the batch first,
 * so that axis simply grows. Each run works in its own sub-manager and scope, so repeated runs leak no native
 * memory. Not safe for concurrent use: give each thread its own network ({@link #load} is cheap: no file is
 * read, only the weights are copied to the engine).
 */
public final class TfliteNetwork implements AutoCloseable {

    private final NDManager manager;
    private final List<Step> steps;
    private final int input;
    private final int[] inputShape;
    private final List<Integer> outputs;
    private final List<String> outputNames;
    private final List<int[]> outputShapes;
    /** For each step, the tensors nothing reads after it (closed right after it). */
    private final int[][] freeAfter;
    private final int tensorCount;

    private TfliteNetwork(NDManager manager, TfliteModel model, List<Step> steps, int[][] freeAfter) {
        this.manager = manager;
        this.steps = List.copyOf(steps);
        this.input = model.inputs().get(0);
        this.inputShape = model.tensor(input).shapeArray();
        this.outputs = model.outputs();
        this.outputNames = outputs.stream().map(i -> model.tensor(i).name()).toList();
        this.outputShapes = outputs.stream().map(i -> model.tensor(i).shapeArray()).toList();
        this.tensorCount = model.tensors().size();
        this.freeAfter = freeAfter;
    }

    /** Builds the graph of {@code model} on a new {@link NDManager} (close the network to free it). */
    public static TfliteNetwork load(TfliteModel model) {
        NDManager manager = NDManager.newBaseManager();
        try {
            GraphPlan plan = GraphPlan.of(model);
            KernelFactory factory = new KernelFactory(model, manager, plan.dequantised);
            List<Step> steps = new ArrayList<>();
            for (int s = 0; s < plan.ops.size(); s++) {
                TfliteOperator op = plan.ops.get(s);
                Kernel kernel = factory.kernel(op, plan.overwrite[s], plan.paddedBy[s]);
                steps.add(new Step(op.label(), plan.reads.get(s), op.output(0), kernel));
            }
            return new TfliteNetwork(manager, model, steps, plan.freeAfter);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
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
        try (NDScope ignored = new NDScope(); NDManager scope = manager.newSubManager()) {
            NDArray[] values = new NDArray[tensorCount];
            NDArray x = scope.create(nhwc, new Shape(batch, inputShape[1], inputShape[2], inputShape[3]));
            values[input] = NhwcLayout.toNchw(x);
            for (int s = 0; s < steps.size(); s++) {
                Step step = steps.get(s);
                NDArray[] in = new NDArray[step.reads().length];
                for (int i = 0; i < in.length; i++) {
                    in[i] = values[step.reads()[i]];
                }
                values[step.writes()] = step.kernel().apply(in, batch);
                for (int t : freeAfter[s]) {
                    // Freed as soon as nothing reads it again (unless the step wrote its result into it): the peak
                    // memory is a few activations, not all.
                    if (values[t] != values[step.writes()]) {
                        values[t].close();
                    }
                    values[t] = null;
                }
            }
            List<float[]> result = new ArrayList<>(outputs.size());
            for (int o : outputs) {
                result.add(NhwcLayout.toNhwc(values[o]).toFloatArray());
            }
            return result;
        }
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
