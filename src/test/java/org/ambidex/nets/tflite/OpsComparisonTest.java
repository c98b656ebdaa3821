package org.ambidex.nets.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ambidex.io.tflite.TfliteModel;
import org.ambidex.io.tflite.TfliteSparsityTest;
import org.ambidex.io.tflite.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every op, both ways of running a graph (scripted and op by op), in small graphs built for the cases MediaPipe's
 * networks do not reach (odd sizes, uneven SAME padding of a pool, spatial PAD, a resize by a non-integer factor, a
 * fully connected layer on an image, concatenation along channels, reshapes back to an image, sparse weights,
 * DEPTH_TO_SPACE), against the real TFLite 2.6.2 runtime.
 */
class OpsComparisonTest {

    @TempDir
    Path work;

    /** Values exactly representable in half precision: k / 64 for k in [-64, 64]. */
    private static float[] weights(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextInt(129) - 64) / 64f;
        }
        return v;
    }

    /**
     * x [1, 6, 7, 3] -> CONV 3x3/2 SAME RELU6 -> DW 3x3/1 SAME -> MAX_POOL 3x3/2 SAME (uneven); x -> CONV 2x2/1 VALID
     * -> (RELU6, PRELU with alphas outside [0, 1]) -> ADD.
     */
    static TinyModel windows() {
        SplittableRandom r = new SplittableRandom(5);
        TinyModel t = new TinyModel();
        int x = t.input("x", 1, 6, 7, 3);
        int w1 = t.weight("w1", weights(r, 4 * 3 * 3 * 3), 4, 3, 3, 3);
        int b1 = t.weight("b1", weights(r, 4), 4);
        int c1 = t.activation("c1", 1, 3, 4, 4);
        t.op(3, TinyModel.conv(TinyModel.SAME, 2, 2, TinyModel.RELU6), TinyModel.CONV_2D_OPTIONS,
            new int[] {x, w1, b1}, c1);
        int w2 = t.weight("w2", weights(r, 3 * 3 * 4), 1, 3, 3, 4);
        int b2 = t.constant("b2", weights(r, 4), 4);
        int c2 = t.activation("c2", 1, 3, 4, 4);
        t.op(4, TinyModel.depthwise(TinyModel.SAME, 1, 1, TinyModel.NONE), TinyModel.DEPTHWISE_CONV_2D_OPTIONS,
            new int[] {c1, w2, b2}, c2);
        int p = t.activation("p", 1, 2, 2, 4);
        t.op(17, TinyModel.pool(TinyModel.SAME, 2, 2, 3, 3), TinyModel.POOL_2D_OPTIONS, new int[] {c2}, p);
        int w3 = t.weight("w3", weights(r, 2 * 2 * 2 * 3), 2, 2, 2, 3);
        int b3 = t.weight("b3", weights(r, 2), 2);
        int c3 = t.activation("c3", 1, 5, 6, 2);
        t.op(3, TinyModel.conv(TinyModel.VALID, 1, 1, TinyModel.NONE), TinyModel.CONV_2D_OPTIONS,
            new int[] {x, w3, b3}, c3);
        // Written in place: PRELU into c3 (read last there), ADD into the PRELU output.
        int r6 = t.activation("r6", 1, 5, 6, 2);
        t.op(21, null, 0, new int[] {c3}, r6);
        int alpha = t.weight("alpha", new float[] {-0.75f, 1.5f}, 1, 1, 2);
        int c4 = t.activation("c4", 1, 5, 6, 2);
        t.op(54, null, 0, new int[] {c3, alpha}, c4);
        int sum = t.activation("sum", 1, 5, 6, 2);
        t.op(0, TinyModel.activation(TinyModel.NONE), TinyModel.ADD_OPTIONS, new int[] {c4, r6}, sum);
        t.outputs(p, sum, r6);
        return t;
    }

    /**
     * x [1, 5, 4, 2] -> PAD (H 1+2, W 0+1, C 0+3) -> RESIZE_BILINEAR to 11 x 7 -> PRELU -> (itself, RELU6) concatenated
     * along channels -> MEAN keeping dims -> FULLY_CONNECTED on [1, 1, 1, 10] -> LOGISTIC; and the PRELU output
     * RESHAPEd to [1, 77, 5], back to [1, 7, 11, 5] and ADDed to a transposed-looking copy of itself.
     */
    static TinyModel shapes() {
        SplittableRandom r = new SplittableRandom(6);
        TinyModel t = new TinyModel();
        int x = t.input("x", 1, 5, 4, 2);
        int pads = t.constantInts("pads", new int[] {0, 0, 1, 2, 0, 1, 0, 3}, 4, 2);
        int padded = t.activation("padded", 1, 8, 5, 5);
        t.op(34, null, 0, new int[] {x, pads}, padded);
        int size = t.constantInts("size", new int[] {11, 7}, 2);
        int resized = t.activation("resized", 1, 11, 7, 5);
        t.op(23, TinyModel.resizeHalfPixel(), TinyModel.RESIZE_BILINEAR_OPTIONS, new int[] {padded, size}, resized);
        int alpha = t.weight("alpha", weights(r, 5), 1, 1, 5);
        int prelu = t.activation("prelu", 1, 11, 7, 5);
        t.op(54, null, 0, new int[] {resized, alpha}, prelu);
        int relu6 = t.activation("relu6", 1, 11, 7, 5);
        t.op(21, null, 0, new int[] {prelu}, relu6);
        int both = t.activation("both", 1, 11, 7, 10);
        t.op(2, TinyModel.concatenation(-1), TinyModel.CONCATENATION_OPTIONS, new int[] {prelu, relu6}, both);
        int axes = t.constantInts("axes", new int[] {2, 1}, 2);
        int mean = t.activation("mean", 1, 1, 1, 10);
        t.op(40, TinyModel.keepDims(true), TinyModel.REDUCER_OPTIONS, new int[] {both, axes}, mean);
        int fw = t.constant("fw", weights(r, 6 * 10), 6, 10);
        int fb = t.constant("fb", weights(r, 6), 6);
        int fc = t.activation("fc", 1, 6);
        t.op(9, TinyModel.activation(TinyModel.NONE), TinyModel.FULLY_CONNECTED_OPTIONS, new int[] {mean, fw, fb}, fc);
        int sig = t.activation("sigmoid", 1, 6);
        t.op(14, null, 0, new int[] {fc}, sig);
        int rows = t.activation("rows", 1, 77, 5);
        t.op(22, TinyModel.newShape(1, -1, 5), TinyModel.RESHAPE_OPTIONS, new int[] {prelu}, rows);
        int back = t.activation("back", 1, 7, 11, 5);
        int shape = t.constantInts("shape", new int[] {1, 7, 11, 5}, 4);
        t.op(22, null, 0, new int[] {rows, shape}, back);
        int back2 = t.activation("back2", 1, 7, 11, 5);
        t.op(22, TinyModel.newShape(1, 7, 11, 5), TinyModel.RESHAPE_OPTIONS, new int[] {relu6}, back2);
        int sum = t.activation("sum", 1, 7, 11, 5);
        t.op(0, TinyModel.activation(TinyModel.RELU6), TinyModel.ADD_OPTIONS, new int[] {back, back2}, sum);
        t.outputs(sig, rows, sum);
        return t;
    }

    /**
     * The sparse graph of {@link TfliteSparsityTest} (a CSR float32 weight and a block-sparse float16 one, through
     * DENSIFY), its two convolutions concatenated to [1, 2, 2, 8] and moved to [1, 4, 4, 2] by DEPTH_TO_SPACE.
     */
    static TinyModel sparse() {
        return TfliteSparsityTest.model(t -> {
            int both = t.activation("both", 1, 2, 2, 8);
            t.op(2, TinyModel.concatenation(3), TinyModel.CONCATENATION_OPTIONS, new int[] {3, 7}, both);
            int space = t.activation("space", 1, 4, 4, 2);
            t.op(5, TinyModel.blockSize(2), TinyModel.DEPTH_TO_SPACE_OPTIONS, new int[] {both}, space);
            t.outputs(7, space);
        });
    }

    /**
     * x [1, 6, 7, 3] -> PAD (H 1+1, W 2+2) -> DW 3x3/2 VALID (the PAD becomes its padding); x -> PAD (H 0+1, W 1+0)
     * -> CONV 3x3/1 VALID RELU6 (folded, uneven the other way round); x -> PAD (H 1+1, W 1+1) read by a CONV 1x1 VALID
     * and a MAX_POOL 2x2/2 VALID (two readers: not folded).
     */
    static TinyModel paddedConvolutions() {
        SplittableRandom r = new SplittableRandom(7);
        TinyModel t = new TinyModel();
        int x = t.input("x", 1, 6, 7, 3);
        int pads1 = t.constantInts("pads1", new int[] {0, 0, 1, 1, 2, 2, 0, 0}, 4, 2);
        int p1 = t.activation("p1", 1, 8, 11, 3);
        t.op(34, null, 0, new int[] {x, pads1}, p1);
        int w1 = t.weight("w1", weights(r, 3 * 3 * 3), 1, 3, 3, 3);
        int b1 = t.constant("b1", weights(r, 3), 3);
        int d1 = t.activation("d1", 1, 3, 5, 3);
        t.op(4, TinyModel.depthwise(TinyModel.VALID, 2, 2, TinyModel.NONE), TinyModel.DEPTHWISE_CONV_2D_OPTIONS,
            new int[] {p1, w1, b1}, d1);
        int pads2 = t.constantInts("pads2", new int[] {0, 0, 0, 1, 1, 0, 0, 0}, 4, 2);
        int p2 = t.activation("p2", 1, 7, 8, 3);
        t.op(34, null, 0, new int[] {x, pads2}, p2);
        int w2 = t.weight("w2", weights(r, 2 * 3 * 3 * 3), 2, 3, 3, 3);
        int b2 = t.weight("b2", weights(r, 2), 2);
        int c2 = t.activation("c2", 1, 5, 6, 2);
        t.op(3, TinyModel.conv(TinyModel.VALID, 1, 1, TinyModel.RELU6), TinyModel.CONV_2D_OPTIONS,
            new int[] {p2, w2, b2}, c2);
        int pads3 = t.constantInts("pads3", new int[] {0, 0, 1, 1, 1, 1, 0, 0}, 4, 2);
        int p3 = t.activation("p3", 1, 8, 9, 3);
        t.op(34, null, 0, new int[] {x, pads3}, p3);
        int w3 = t.weight("w3", weights(r, 2 * 3), 2, 1, 1, 3);
        int b3 = t.weight("b3", weights(r, 2), 2);
        int c3 = t.activation("c3", 1, 8, 9, 2);
        t.op(3, TinyModel.conv(TinyModel.VALID, 1, 1, TinyModel.NONE), TinyModel.CONV_2D_OPTIONS,
            new int[] {p3, w3, b3}, c3);
        int m3 = t.activation("m3", 1, 4, 4, 3);
        t.op(17, TinyModel.pool(TinyModel.VALID, 2, 2, 2, 2), TinyModel.POOL_2D_OPTIONS, new int[] {p3}, m3);
        t.outputs(d1, c2, c3, m3);
        return t;
    }

    @Test
    void aZeroPadBeforeAValidConvolutionIsFoldedIntoIt() {
        TinyModel t = paddedConvolutions();
        GraphPlan plan = GraphPlan.of(TfliteModel.read(t.build(), "padded"));
        long pads = plan.ops.stream().filter(op -> op.op() == org.ambidex.io.tflite.TfliteOp.PAD).count();
        long folded = Arrays.stream(plan.paddedBy).filter(java.util.Objects::nonNull).count();
        assertThat(folded).as("the two PADs read by one VALID convolution each").isEqualTo(2);
        assertThat(pads).as("the PAD with two readers stays").isEqualTo(1);
    }

    private static float largest(float[] values) {
        float m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void smallGraphsMatchTflite() throws IOException, InterruptedException {
        assumeTrue(TfliteRuntime.platformSupported(), "the TFLite reference library is for Linux x86-64 only");
        TinyModel[] models = {windows(), shapes(), sparse(), paddedConvolutions()};
        int[][] inputShapes = {{6, 7, 3}, {5, 4, 2}, {2, 2, 4}, {6, 7, 3}};
        List<TfliteReference.Job> jobs = new java.util.ArrayList<>();
        float[][] inputs = new float[models.length][];
        for (int m = 0; m < models.length; m++) {
            Path file = work.resolve("m" + m + ".tflite");
            Files.write(file, models[m].build());
            int per = inputShapes[m][0] * inputShapes[m][1] * inputShapes[m][2];
            // Two images: positive and negative values, so that PRELU and RELU6 see both sides.
            inputs[m] = signedNoise(2 * per, 40 + m);
            if (m == 2) {
                // The sparse graph's weights (up to 6) grow values past 100, where 1e-5 is below one float step.
                for (int i = 0; i < inputs[m].length; i++) {
                    inputs[m][i] /= 16;
                }
            }
            jobs.add(new TfliteReference.Job(file, 1, false, inputs[m], 2));
        }
        List<List<List<float[]>>> reference = TfliteReference.run(jobs, work);
        for (int run = 0; run < 2 * models.length; run++) {
            int m = run / 2;
            TfliteNetwork.Execution execution = run % 2 == 0 ? TfliteNetwork.Execution.SCRIPTED
                : TfliteNetwork.Execution.OP_BY_OP;
            try (TfliteNetwork net = TfliteNetwork.load(TfliteModel.read(models[m].build(), "tiny" + m), execution)) {
                List<float[]> batch = net.run(inputs[m], 2);
                int per = inputs[m].length / 2;
                for (int image = 0; image < 2; image++) {
                    List<float[]> alone = net.run(Arrays.copyOfRange(inputs[m], image * per, (image + 1) * per), 1);
                    List<float[]> theirs = reference.get(m).get(image);
                    for (int o = 0; o < theirs.size(); o++) {
                        int n = theirs.get(o).length;
                        assertThat(TfliteRuntimeComparisonTest.maxDiff(alone.get(o), theirs.get(o)))
                            .as("model %d %s output %d image %d", m, execution, o, image).isLessThan(1e-5);
                        // Batched kernels may round differently: 1e-6, or two float steps at the output's size.
                        assertThat(TfliteRuntimeComparisonTest.maxDiff(
                            Arrays.copyOfRange(batch.get(o), image * n, (image + 1) * n), alone.get(o)))
                            .as("model %d %s output %d image %d in a batch", m, execution, o, image)
                            .isLessThanOrEqualTo(Math.max(1e-6, 2 * Math.ulp(largest(alone.get(o)))));
                    }
                }
            }
        }
    }

    private static float[] signedNoise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 8 - 4);
        }
        return v;
    }
}
