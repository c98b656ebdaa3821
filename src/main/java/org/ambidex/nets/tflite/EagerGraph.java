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
 * The graph run op by op through DJL ({@link Kernel}s from {@link KernelFactory}): any device, any engine build.
 * Each run works in its own sub-manager and scope, so repeated runs leak no native memory.
 */
final class EagerGraph implements GraphRun {

    private final NDManager manager;
    private final List<Step> steps;
    private final int input;
    private final int[] inputShape;
    private final List<Integer> outputs;
    /** For each step, the tensors nothing reads after it (closed right after it). */
    private final int[][] freeAfter;
    private final int tensorCount;

    /** Compiles {@code model}'s ops with their weights on {@code manager}. */
    EagerGraph(TfliteModel model, NDManager manager) {
        this.manager = manager;
        GraphPlan plan = GraphPlan.of(model);
        KernelFactory factory = new KernelFactory(model, manager, plan.dequantised);
        List<Step> compiled = new ArrayList<>();
        for (int s = 0; s < plan.ops.size(); s++) {
            TfliteOperator op = plan.ops.get(s);
            Kernel kernel = factory.kernel(op, plan.overwrite[s], plan.paddedBy[s]);
            compiled.add(new Step(op.label(), plan.reads.get(s), op.output(0), kernel));
        }
        this.steps = List.copyOf(compiled);
        this.freeAfter = plan.freeAfter;
        this.input = model.inputs().get(0);
        this.inputShape = model.tensor(input).shapeArray();
        this.outputs = model.outputs();
        this.tensorCount = model.tensors().size();
    }

    @Override
    public List<float[]> run(float[] nhwc, int batch) {
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
}
