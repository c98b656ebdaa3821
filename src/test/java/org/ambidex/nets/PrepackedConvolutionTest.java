package org.ambidex.nets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Convolutions with oneDNN's weight layout made once ({@link PrepackedConvolution}) and their use when folded. */
class PrepackedConvolutionTest {

    @Test
    void packsKernelsLargerThanOneWhoseWeightOutweighsTheInputFourTimes() {
        // DIR's attention convolution: 19 M weights, 131 K inputs per image
        assertThat(PrepackedConvolution.worthPacking(new Shape(1024, 2048, 3, 3), new Shape(1, 2048, 8, 8))).isTrue();
        assertThat(PrepackedConvolution.worthPacking(new Shape(1024, 2048, 3, 3), new Shape(8, 2048, 8, 8)))
            .as("decided per image").isTrue();
        // exactly 4 times: 16 x 8 x 9 weights = 4 x 8 x 6 x 6 inputs
        assertThat(PrepackedConvolution.worthPacking(new Shape(16, 8, 3, 3), new Shape(1, 8, 6, 6))).isTrue();
        assertThat(PrepackedConvolution.worthPacking(new Shape(16, 8, 3, 3), new Shape(1, 8, 7, 6))).isFalse();
        assertThat(PrepackedConvolution.worthPacking(new Shape(256, 2560, 3, 3), new Shape(1, 2560, 32, 32)))
            .as("measured slower prepacked").isFalse();
        assertThat(PrepackedConvolution.worthPacking(new Shape(2048, 512, 1, 1), new Shape(1, 512, 2, 2)))
            .as("1 x 1: a matrix product, not oneDNN").isFalse();
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "2, 1, 1", "1, 1, 3", "1, 0, 2"})
    void givesThePlainConvolutionsOutputAtAnyBatch(int stride, int padding, int batch) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SplittableRandom random = new SplittableRandom(7 * stride + padding);
            NDArray weight = manager.create(values(random, 96 * 64 * 9), new Shape(96, 64, 3, 3));
            NDArray bias = manager.create(values(random, 96), new Shape(96));
            PrepackedConvolution packed = PrepackedConvolution.pack(weight, bias, stride, padding,
                new Shape(1, 64, 8, 8));
            assertThat(packed).as("this libtorch has oneDNN").isNotNull();
            NDArray x = manager.create(values(random, batch * 64 * 8 * 8), new Shape(batch, 64, 8, 8));
            NDArray plain = x.getNDArrayInternal().convolution(x, weight, bias, new Shape(stride, stride),
                new Shape(padding, padding), new Shape(1, 1), 1).singletonOrThrow();
            NDArray fast = packed.apply(x);
            assertThat(fast.getShape()).isEqualTo(plain.getShape());
            assertThat(FoldedBatchNormTest.relativeDifference(plain.toFloatArray(), fast.toFloatArray())).isLessThan(1e-5);
            packed.close();
        }
    }

    /** The convolving scripts are one per process: two threads with their own weights each get their own result. */
    @Test
    void twoThreadsShareTheScriptsSafely() throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SplittableRandom random = new SplittableRandom(11);
            NDArray[] weights = new NDArray[2];
            NDArray[] inputs = new NDArray[2];
            float[][] expected = new float[2][];
            PrepackedConvolution[] packed = new PrepackedConvolution[2];
            for (int t = 0; t < 2; t++) {
                weights[t] = manager.create(values(random, 64 * 32 * 9), new Shape(64, 32, 3, 3));
                NDArray bias = manager.create(values(random, 64), new Shape(64));
                inputs[t] = manager.create(values(random, 32 * 6 * 6), new Shape(1, 32, 6, 6));
                expected[t] = inputs[t].getNDArrayInternal().convolution(inputs[t], weights[t], bias, new Shape(1, 1),
                    new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow().toFloatArray();
                packed[t] = PrepackedConvolution.pack(weights[t], bias, 1, 1, inputs[t].getShape());
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Double>> worst = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int which = t;
                    worst.add(pool.submit(() -> {
                        double w = 0;
                        for (int i = 0; i < 50; i++) {
                            try (NDManager scope = manager.newSubManager()) {
                                NDArray x = inputs[which].duplicate();
                                x.attach(scope);
                                NDArray y = packed[which].apply(x);
                                y.attach(scope);
                                w = Math.max(w, FoldedBatchNormTest.relativeDifference(expected[which],
                                    y.toFloatArray()));
                            }
                        }
                        return w;
                    }));
                }
                for (Future<Double> w : worst) {
                    assertThat(w.get()).isLessThan(1e-5);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    /**
     * A convolution with a bias and the batch norm after it, folded: the pair's output to float32 rounding, run
     * prepacked on a small map (where the weight outweighs the input) and then plainly on a large one, with the
     * dense weight the packing dropped made again.
     */
    @Test
    void aFoldedConvolutionWithBiasKeepsTheOutputsPrepackedOrNot() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Conv2d conv = new Conv2d(32, 48, 3, 1, 1, true);
            BatchNorm2d norm = new BatchNorm2d(48);
            Sequential pair = new Sequential(conv, norm);
            pair.initializeParameters(manager);
            SplittableRandom random = new SplittableRandom(3);
            conv.weight().getArray().set(values(random, 48 * 32 * 9));
            conv.bias().getArray().set(values(random, 48));
            norm.gamma().getArray().set(positive(random, 48));
            norm.beta().getArray().set(values(random, 48));
            norm.runningMean().getArray().set(values(random, 48));
            norm.runningVar().getArray().set(positive(random, 48));
            FoldedBatchNorm folded = new FoldedBatchNorm(conv, norm);
            ParameterStore store = new ParameterStore(manager, false);
            folded.fold(manager);
            for (int side : new int[] {4, 32}) {
                NDArray x = manager.create(values(random, 2 * 32 * side * side), new Shape(2, 32, side, side));
                float[] expected = pair.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                float[] actual = folded.forward(store, x, false).toFloatArray();
                assertThat(FoldedBatchNormTest.relativeDifference(expected, actual)).as("side " + side).isLessThan(1e-5);
                assertThat(folded.prepackedFor(new Shape(32, side, side))).as("prepacked at side " + side)
                    .isEqualTo(side == 4);
                assertThat(folded.holdsDenseWeight()).as("the dense folded weight: dropped once packed, made again for"
                    + " the plain convolution").isEqualTo(side == 32);
            }
        }
    }

    private static float[] values(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }

    private static float[] positive(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(0.5, 1.5);
        }
        return v;
    }
}
