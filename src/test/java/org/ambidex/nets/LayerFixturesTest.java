package org.ambidex.nets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npz;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each layer against PyTorch 1.13's output on the same input and weights (src/test/python/internet_reference.py). */
class LayerFixturesTest {

    private static Map<String, NdArray> fx;
    private static NDManager manager;

    @BeforeAll
    static void load() {
        fx = Npz.read(Path.of("src/test/resources/fixtures/nets/layers.npz"));
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static float[] run(TorchModule m, String input, boolean training, Map<String, String> weights) {
        m.initializeParameters(manager);
        Map<String, StateEntry> entries = m.stateEntries();
        weights.forEach((entry, key) -> entries.get(entry).write(fx.get(key)));
        NdArray x = fx.get(input);
        NDArray in = manager.create(x.toFloatArray(), new Shape(Arrays.stream(x.shape()).asLongStream().toArray()));
        NDList out = m.forward(new ParameterStore(manager, false), new NDList(in), training, null);
        return out.singletonOrThrow().toFloatArray();
    }

    private static void assertClose(float[] actual, String expectedKey, float tolerance) {
        float[] expected = fx.get(expectedKey).toFloatArray();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("%s[%d]", expectedKey, i)
                .isLessThanOrEqualTo(tolerance * (1 + Math.abs(expected[i])));
        }
    }

    @Test
    void convolution() {
        float[] y = run(new Conv2d(5, 7, 3, 2, 1, true), "conv_x", false, Map.of("weight", "conv_w", "bias", "conv_b"));
        assertClose(y, "conv_y", 1e-5f);
    }

    @Test
    void transposedConvolutionAsInterNetUsesIt() {
        float[] y = run(new ConvTranspose2d(6, 4, 4, 2, 1, false), "deconv_x", false, Map.of("weight", "deconv_w"));
        assertClose(y, "deconv_y", 1e-5f);
    }

    @Test
    void transposedConvolutionWithOddKernelStrideThreeAndBias() {
        ConvTranspose2d d = new ConvTranspose2d(3, 2, 5, 3, 1, true);
        assertThat(d.outputSize(4)).isEqualTo(12);
        float[] y = run(d, "deconv3_x", false, Map.of("weight", "deconv3_w", "bias", "deconv3_b"));
        assertClose(y, "deconv3_y", 1e-5f);
    }

    @Test
    void batchNormEvaluationUsesRunningStatistics() {
        float[] y = run(new BatchNorm2d(4), "bn_x", false, Map.of("weight", "bn_weight", "bias", "bn_bias",
            "running_mean", "bn_mean", "running_var", "bn_var"));
        assertClose(y, "bn_eval_y", 1e-5f);
    }

    @Test
    void batchNormTrainingUsesBatchStatisticsAndUpdatesRunningOnes() {
        BatchNorm2d bn = new BatchNorm2d(4);
        float[] y = run(bn, "bn_x", true, Map.of("weight", "bn_weight", "bias", "bn_bias", "running_mean", "bn_mean",
            "running_var", "bn_var"));
        assertClose(y, "bn_train_y", 1e-5f);
        assertClose(bn.stateEntries().get("running_mean").read().toFloatArray(), "bn_train_mean", 1e-6f);
        assertClose(bn.stateEntries().get("running_var").read().toFloatArray(), "bn_train_var", 1e-6f);
        assertThat(bn.batchesTracked()).isEqualTo(1);
    }

    @Test
    void linear() {
        float[] y = run(new Linear(6, 3), "linear_x", false, Map.of("weight", "linear_w", "bias", "linear_b"));
        assertClose(y, "linear_y", 1e-6f);
    }

    @Test
    void maxPoolOfTheStem() {
        TorchModule pool = Functional.maxPool(3, 2, 1);
        assertClose(run(pool, "maxpool_x", false, Map.of()), "maxpool_y", 0f);
    }
}
