package org.ambidex.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.Map;
import org.ambidex.io.NdArray;
import org.junit.jupiter.api.Test;

class AdamWTest {

    private static Parameter parameter(NDManager m, String name, float value, long... shape) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(shape)).optInitializer(new ConstantInitializer(value)).optRequiresGrad(true).build();
        p.initialize(m, DataType.FLOAT32);
        return p;
    }

    /** loss = sum(x * w): gradient x; two steps against the formulas evaluated by hand. */
    @Test
    void twoStepsFollowTheFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = parameter(m, "w", 1f, 1, 2);
            Parameter b = parameter(m, "b", 0.5f, 2);
            try (AdamW opt = new AdamW(Map.of("w", w, "b", b), m, 0.9, 0.999, 1e-8, 0.01)) {
                NDArray x = m.create(new float[] {2, -3}, new Shape(1, 2));
                double lr = 0.1;
                double[] wv = {1, 1};
                double[] bv = {0.5, 0.5};
                double[] mw = new double[2];
                double[] vw = new double[2];
                double[] mb = new double[2];
                double[] vb = new double[2];
                for (int t = 1; t <= 2; t++) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = x.mul(w.getArray()).sum().add(x.reshape(2).mul(b.getArray()).sum());
                        gc.backward(loss);
                    }
                    opt.update(lr);
                    double[] g = {2, -3};
                    for (int i = 0; i < 2; i++) {
                        mw[i] = 0.9 * mw[i] + 0.1 * g[i];
                        vw[i] = 0.999 * vw[i] + 0.001 * g[i] * g[i];
                        wv[i] = wv[i] - lr * 0.01 * wv[i] - lr * (mw[i] / (1 - Math.pow(0.9, t)))
                            / (Math.sqrt(vw[i] / (1 - Math.pow(0.999, t))) + 1e-8);
                        mb[i] = 0.9 * mb[i] + 0.1 * g[i];
                        vb[i] = 0.999 * vb[i] + 0.001 * g[i] * g[i];
                        // no decay on rank-1 parameters
                        bv[i] = bv[i] - lr * (mb[i] / (1 - Math.pow(0.9, t)))
                            / (Math.sqrt(vb[i] / (1 - Math.pow(0.999, t))) + 1e-8);
                    }
                    float[] got = w.getArray().toFloatArray();
                    float[] gotB = b.getArray().toFloatArray();
                    for (int i = 0; i < 2; i++) {
                        assertThat((double) got[i]).as("w[%d] after step %d", i, t).isCloseTo(wv[i], within(1e-6));
                        assertThat((double) gotB[i]).as("b[%d] after step %d", i, t).isCloseTo(bv[i], within(1e-6));
                    }
                    // gradients are zeroed after the step
                    assertThat(w.getArray().getGradient().abs().sum().getFloat()).isEqualTo(0f);
                }
                assertThat(opt.step()).isEqualTo(2);
                Map<String, Object> state = opt.exportState();
                @SuppressWarnings("unchecked")
                Map<String, NdArray> avg = (Map<String, NdArray>) state.get("exp_avg");
                assertThat(avg.get("w").toDoubleArray()[0]).isCloseTo(mw[0], within(1e-6));
            }
        }
    }

    /** Each update's temporaries are freed: the managers of the parameters and of the state hold no more arrays. */
    @Test
    void updatesLeaveNoArraysBehind() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = parameter(m, "w", 1f, 3, 4);
            Parameter b = parameter(m, "b", 0.5f, 4);
            try (AdamW opt = new AdamW(Map.of("w", w, "b", b), m, 0.9, 0.999, 1e-8, 0.01)) {
                int[] counts = new int[4];
                for (int t = 0; t < 4; t++) {
                    try (NDManager step = m.newSubManager()) {
                        NDArray x = step.ones(new Shape(2, 3));
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            gc.backward(x.matMul(w.getArray()).add(b.getArray()).sum());
                        }
                    }
                    opt.update(0.01);
                    counts[t] = m.getManagedArrays().size();
                }
                assertThat(counts[3]).as("arrays per update " + java.util.Arrays.toString(counts)).isEqualTo(counts[1]);
            }
        }
    }

    @Test
    void restoredStateContinuesIdentically() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = parameter(m, "p", 1f, 3);
            Parameter c = parameter(m, "p", 1f, 3);
            NDArray x = m.create(new float[] {1, -2, 0.5f});
            try (AdamW first = new AdamW(Map.of("p", a), m, 0.9, 0.999, 1e-8, 0);
                 AdamW second = new AdamW(Map.of("p", c), m, 0.9, 0.999, 1e-8, 0)) {
                for (int t = 0; t < 3; t++) {
                    step(x, a, first);
                }
                Map<String, Object> s = first.exportState();
                @SuppressWarnings("unchecked")
                Map<String, NdArray> avg = (Map<String, NdArray>) s.get("exp_avg");
                @SuppressWarnings("unchecked")
                Map<String, NdArray> avgSq = (Map<String, NdArray>) s.get("exp_avg_sq");
                c.getArray().set(java.nio.FloatBuffer.wrap(a.getArray().toFloatArray()));
                second.restoreState((Long) s.get("step"), avg, avgSq);
                step(x, a, first);
                step(x, c, second);
                assertThat(c.getArray().toFloatArray()).containsExactly(a.getArray().toFloatArray());
            }
        }
    }

    private static void step(NDArray x, Parameter p, AdamW opt) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(x.mul(p.getArray()).square().sum());
        }
        opt.update(0.05);
    }

    /** loss = sum(sqrt(w)) at w = (0, 4): the loss is finite, the gradient (inf, 0.25) is not. */
    @Test
    void aNonFiniteGradientIsSeenAndZeroingClearsIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = parameter(m, "w", 0f, 2);
            w.getArray().set(java.nio.FloatBuffer.wrap(new float[] {0f, 4f}));
            try (AdamW opt = new AdamW(Map.of("w", w), m, 0.9, 0.999, 1e-8, 0)) {
                assertThat(opt.gradientsFinite()).isTrue();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = w.getArray().sqrt().sum();
                    assertThat(loss.getFloat()).isEqualTo(2f);
                    gc.backward(loss);
                }
                assertThat(opt.gradientsFinite()).isFalse();
                opt.zeroGradients();
                assertThat(w.getArray().getGradient().toFloatArray()).containsExactly(0f, 0f);
                assertThat(opt.gradientsFinite()).isTrue();
                assertThat(w.getArray().toFloatArray()).containsExactly(0f, 4f);
            }
        }
    }
}
