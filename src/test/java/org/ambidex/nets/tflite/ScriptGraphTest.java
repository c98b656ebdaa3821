package org.ambidex.nets.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.ScriptObject;
import org.ambidex.io.torch.TorchScriptWriter;
import org.ambidex.nets.mediapipe.MediaPipeModel;
import org.junit.jupiter.api.Test;

/**
 * TorchScript archives written by ambidex load into libtorch and compute what they say: a tensor constant, an
 * XNNPACK convolution context with and without bias and clamp (its state pickled by ambidex), against the same
 * convolution done op by op. The generated graphs themselves are held to TFLite by {@code TfliteRuntimeComparisonTest}
 * and {@code OpsComparisonTest}.
 */
class ScriptGraphTest {

    @Test
    void aWrittenArchiveLoadsAndComputes() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        float[] w = new float[4 * 3 * 3 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextDouble(-1, 1);
        }
        float[] bias = {0.5f, -0.5f, 1f, 2f};
        float[] offset = {1f, 2f, 3f};
        NdArray weight = NdArray.ofFloats(new int[] {4, 3, 3, 3}, w);
        List<Object> constants = List.of(NdArray.ofFloats(new int[] {3}, offset),
            new ScriptObject("__torch__.torch.classes.xnnpack.Conv2dOpContext", Arrays.asList(weight,
                NdArray.ofFloats(new int[] {4}, bias), new long[] {2, 2}, new long[] {1, 1}, new long[] {1, 1}, 1L,
                0.0, 6.0)),
            new ScriptObject("__torch__.torch.classes.xnnpack.Conv2dOpContext", Arrays.asList(weight, null,
                new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, 1L, null, null)));
        String source = "class Graph(Module):\n"
            + "  __parameters__ = []\n"
            + "  __buffers__ = []\n"
            + "  training : bool\n"
            + "  def forward(self: __torch__.ambidex.test.Graph,\n"
            + "    x: Tensor) -> Tuple[Tensor, Tensor, Tensor]:\n"
            + "    y = torch.permute(x, [0, 3, 1, 2])\n"
            + "    return (torch.add(x, CONSTANTS.c0), ops.prepacked.conv2d_clamp_run(y, CONSTANTS.c1),"
            + " ops.prepacked.conv2d_clamp_run(y, CONSTANTS.c2))\n";
        byte[] archive = TorchScriptWriter.archive("__torch__.ambidex.test.Graph", source, constants);
        float[] image = new float[2 * 7 * 6 * 3];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextDouble(-3, 3);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            PtSymbolBlock module = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive), false,
                false);
            NDArray x = manager.create(image, new Shape(2, 7, 6, 3));
            NDList out = module.forward(new ParameterStore(manager, false), new NDList(x), false);
            assertThat(out).hasSize(3);
            assertThat(out.get(0).toFloatArray()).containsExactly(x.add(manager.create(offset)).toFloatArray());

            NDArray nchw = x.transpose(0, 3, 1, 2);
            NDArray k = manager.create(w, new Shape(4, 3, 3, 3));
            NDArray strided = nchw.getNDArrayInternal().convolution(nchw, k, manager.create(bias), new Shape(2, 2),
                new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow().clip(0f, 6f);
            NDArray plain = nchw.getNDArrayInternal().convolution(nchw, k, null, new Shape(1, 1), new Shape(0, 0),
                new Shape(1, 1), 1).singletonOrThrow();
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 4, 4, 3));
            assertThat(out.get(2).getShape()).isEqualTo(new Shape(2, 4, 5, 4));
            assertClose(out.get(1).toFloatArray(), strided.toFloatArray());
            assertClose(out.get(2).toFloatArray(), plain.toFloatArray());
            float[] clamped = out.get(1).toFloatArray();
            for (float v : clamped) {
                assertThat(v).isBetween(0f, 6f);
            }
            float lowest = Float.MAX_VALUE;
            for (float v : plain.toFloatArray()) {
                lowest = Math.min(lowest, v);
            }
            assertThat(lowest).as("the unclamped convolution has negative values").isNegative();
        }
    }

    @Test
    void theGeneratedSourceCallsXnnpackForEveryConvolution() throws Exception {
        byte[] archive = ScriptGraph.archive(MediaPipeModel.LANDMARK_LITE.model());
        String source = null;
        try (var zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(archive))) {
            java.util.zip.ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().endsWith(".py")) {
                    source = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        long convolutions = MediaPipeModel.LANDMARK_LITE.model().operators().stream()
            .filter(op -> op.op().name().contains("CONV_2D")).count();
        assertThat(source).isNotNull();
        assertThat(source.split("ops.prepacked.conv2d_clamp_run", -1)).hasSize((int) convolutions + 1);
        assertThat(source).doesNotContain("torch.conv2d").contains("return (");
    }

    private static void assertClose(float[] ours, float[] theirs) {
        assertThat(ours).hasSameSizeAs(theirs);
        for (int i = 0; i < ours.length; i++) {
            assertThat(ours[i]).as("value %d", i).isCloseTo(theirs[i], within(1e-5f));
        }
    }
}
