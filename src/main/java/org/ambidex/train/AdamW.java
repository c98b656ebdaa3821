package org.ambidex.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ambidex.io.NdArray;
import org.ambidex.tensor.Scalars;

/**
 * AdamW (Loshchilov and Hutter; PyTorch's {@code torch.optim.AdamW} update) over named DJL parameters, with its
 * state ({@code exp_avg}, {@code exp_avg_sq}, step count) exportable and restorable so a resumed run continues
 * bit for bit. Weight decay applies to parameters of rank 2 and more (weights), not to biases and batch-norm
 * scales.
 *
 * <p>Update for step t with gradient g: {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code w = w - lr wd w - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}. Gradients are zeroed after each
 * step.
 */
public final class AdamW implements AutoCloseable {

    private final Map<String, Parameter> parameters;
    private final NDManager state;
    private final Map<String, NDArray> expAvg = new LinkedHashMap<>();
    private final Map<String, NDArray> expAvgSq = new LinkedHashMap<>();
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long step;

    /**
     * @param parameters the trainable parameters by name (their arrays must require gradients)
     * @param manager where the optimizer state lives (a sub-manager is made and closed by {@link #close()})
     */
    public AdamW(Map<String, Parameter> parameters, NDManager manager, double beta1, double beta2, double eps,
                 double weightDecay) {
        this.parameters = new LinkedHashMap<>(parameters);
        this.state = manager.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.parameters.forEach((name, p) -> {
            expAvg.put(name, state.zeros(p.getArray().getShape()));
            expAvgSq.put(name, state.zeros(p.getArray().getShape()));
        });
    }

    /** Steps taken. */
    public long step() {
        return step;
    }

    /** Applies one update with learning rate {@code lr} from the gradients accumulated on the parameters. */
    public void update(double lr) {
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray w = e.getValue().getArray();
            // The scope closes the gradient's handle and every temporary, which DJL attaches to the first
            // operand's manager (the state's or the parameter's) and would otherwise keep until training ends.
            try (NDScope temporaries = new NDScope()) {
                NDArray g = w.getGradient();
                NDArray m = expAvg.get(e.getKey());
                NDArray v = expAvgSq.get(e.getKey());
                m.muli(Scalars.of(m, beta1)).addi(Scalars.mul(g, 1 - beta1));
                v.muli(Scalars.of(v, beta2)).addi(Scalars.mul(g.square(), 1 - beta2));
                if (weightDecay != 0 && w.getShape().dimension() >= 2) {
                    w.subi(Scalars.mul(w, lr * weightDecay));
                }
                NDArray denominator = Scalars.div(v, c2).sqrt().add(eps);
                w.subi(Scalars.mul(Scalars.div(m, c1).div(denominator), lr));
                zero(g);
            }
        }
    }

    /** Zeroes the gradients without updating (after a skipped step), NaN and infinite entries included. */
    public void zeroGradients() {
        for (Parameter p : parameters.values()) {
            try (NDScope handle = new NDScope()) {
                zero(p.getArray().getGradient());
            }
        }
    }

    /**
     * Whether every accumulated gradient entry is finite. A loss can be finite while its gradient is not (a square
     * root or a norm at zero), and one NaN entry would spread into every weight through the moments.
     */
    public boolean gradientsFinite() {
        try (NDScope temporaries = new NDScope()) {
            NDList sums = new NDList();
            for (Parameter p : parameters.values()) {
                // A sum is finite exactly when no entry is NaN or infinite (barring overflow, also worth skipping).
                sums.add(p.getArray().getGradient().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false));
            }
            return sums.isEmpty() || Double.isFinite(NDArrays.stack(sums).sum().getDouble());
        }
    }

    /** Sets every entry to 0 ({@code g - g} would keep NaN and infinite entries). */
    private static void zero(NDArray g) {
        g.set(new NDIndex("..."), 0f);
    }

    /** The state as PyTorch-like entries: {@code exp_avg.<name>}, {@code exp_avg_sq.<name>} tensors. */
    public Map<String, Object> exportState() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, NdArray> m = new LinkedHashMap<>();
        Map<String, NdArray> v = new LinkedHashMap<>();
        expAvg.forEach((k, a) -> m.put(k, toNdArray(a)));
        expAvgSq.forEach((k, a) -> v.put(k, toNdArray(a)));
        out.put("step", step);
        out.put("exp_avg", m);
        out.put("exp_avg_sq", v);
        return out;
    }

    /**
     * Restores a state written by {@link #exportState()}.
     *
     * @throws IllegalArgumentException when a parameter's state is missing or has another shape
     */
    public void restoreState(long steps, Map<String, NdArray> avg, Map<String, NdArray> avgSq) {
        for (String name : parameters.keySet()) {
            restore(expAvg.get(name), avg.get(name), "exp_avg." + name);
            restore(expAvgSq.get(name), avgSq.get(name), "exp_avg_sq." + name);
        }
        this.step = steps;
    }

    private static void restore(NDArray target, NdArray value, String name) {
        Objects.requireNonNull(target, name);
        if (value == null) {
            throw new IllegalArgumentException("the optimizer state lacks " + name);
        }
        long[] shape = target.getShape().getShape();
        if (shape.length != value.shape().length) {
            throw new IllegalArgumentException(name + " has another shape than its parameter");
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != value.shape()[i]) {
                throw new IllegalArgumentException(name + " has another shape than its parameter");
            }
        }
        target.set(java.nio.FloatBuffer.wrap(value.toFloatArray()));
    }

    private static NdArray toNdArray(NDArray a) {
        int[] shape = java.util.Arrays.stream(a.getShape().getShape()).mapToInt(Math::toIntExact).toArray();
        return NdArray.ofFloats(shape, a.toFloatArray());
    }

    @Override
    public void close() {
        state.close();
    }
}
