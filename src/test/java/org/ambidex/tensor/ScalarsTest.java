package org.ambidex.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Scalars}: the constant survives a garbage collection between the forward and the backward pass (the
 * freed memory is then overwritten with NaN bytes, so a constant that aliased it would show), and results are bit
 * for bit those of DJL's own number overloads.
 */
class ScalarsTest {

    static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Collects garbage, then fills many small native allocations with NaN bytes so freed chunks get reused. */
    static void collectAndScrub() {
        List<ByteBuffer> filler = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int size = 1; size <= 64; size++) {
                ByteBuffer b = ByteBuffer.allocateDirect(size);
                for (int i = 0; i < size; i++) {
                    b.put(i, (byte) 0xFF);
                }
                filler.add(b);
            }
        }
        java.lang.ref.Reference.reachabilityFence(filler);
    }

    /** The gradient of {@code sum(f(x))} at {@code x}, with a collection between the forward and backward pass. */
    static float[] gradientAfterCollection(float[] x, UnaryOperator<NDArray> f) {
        try (NDManager m = manager.newSubManager()) {
            NDArray in = m.create(x);
            in.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = f.apply(in).sum();
                collectAndScrub();
                collector.backward(out);
            }
            return in.getGradient().toFloatArray();
        }
    }

    @Test
    void constantsSurviveACollectionBeforeTheBackwardPass() {
        float[] x = {1f, 2f, 3f};
        for (int repeat = 0; repeat < 5; repeat++) {
            assertThat(gradientAfterCollection(x, a -> Scalars.mul(a, 2.5f))).containsExactly(2.5f, 2.5f, 2.5f);
            assertThat(gradientAfterCollection(x, a -> Scalars.div(a, 4f))).containsExactly(0.25f, 0.25f, 0.25f);
            assertThat(gradientAfterCollection(x, a -> Scalars.pow(a, 2f))).containsExactly(2f, 4f, 6f);
            assertThat(gradientAfterCollection(x, a -> Scalars.divide(6f, a))).containsExactly(-6f, -1.5f, -6f / 9);
            assertThat(gradientAfterCollection(x, a -> Scalars.maximum(a, 1.5f))).containsExactly(0f, 1f, 1f);
            assertThat(gradientAfterCollection(x, a -> Scalars.minimum(a, 2.5f))).containsExactly(1f, 1f, 0f);
        }
    }

    /** The values as doubles (float32 widened exactly). */
    static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    @Test
    void resultsEqualDjlsOwnOverloadsBitForBit() {
        Number[] numbers = {2.5f, 1.0 / 3, 7, 1e-8f};
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            try (NDManager m = manager.newSubManager()) {
                NDArray a = m.create(new double[] {0.1, -2.7, 3.3, 1e-9}).toType(type, false);
                for (Number n : numbers) {
                    assertThat(values(Scalars.mul(a, n))).as("%s * %s", type, n).containsExactly(values(a.mul(n)));
                    assertThat(values(Scalars.div(a, n))).as("%s / %s", type, n).containsExactly(values(a.div(n)));
                    assertThat(values(Scalars.maximum(a, n))).containsExactly(values(a.maximum(n)));
                    assertThat(values(Scalars.minimum(a, n))).containsExactly(values(a.minimum(n)));
                    assertThat(values(Scalars.pow(a.abs(), n))).containsExactly(values(a.abs().pow(n)));
                    assertThat(Scalars.mul(a, n).getDataType()).isEqualTo(a.mul(n).getDataType());
                }
            }
        }
    }
}
