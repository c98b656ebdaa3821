package org.ambidex.nets.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.ambidex.nets.Threads;
import org.ambidex.nets.mediapipe.MediaPipeModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TfliteNetworkTest {

    @Test
    void describesItsInputAndOutputsAsTheFileDoes() {
        try (TfliteNetwork net = MediaPipeModel.PALM_LITE.open()) {
            assertThat(net.inputShape()).containsExactly(1, 192, 192, 3);
            assertThat(net.outputNames()).containsExactly("Identity", "Identity_1");
            assertThat(net.outputShapes()).satisfiesExactly(
                s -> assertThat(s).containsExactly(1, 2016, 18), s -> assertThat(s).containsExactly(1, 2016, 1));
            List<float[]> out = net.run(ModelInputs.noise(192, 3), 1);
            assertThat(out.get(0)).hasSize(2016 * 18);
            assertThat(out.get(1)).hasSize(2016);
            assertThatThrownBy(() -> net.run(new float[10], 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 1 x 192 x 192 x 3 floats, got 10");
            assertThatThrownBy(() -> net.run(new float[0], 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TfliteNetwork.Execution.class, names = {"SCRIPTED", "OP_BY_OP"})
    void repeatedRunsLeaveNoArraysBehind(TfliteNetwork.Execution execution) {
        try (TfliteNetwork net = TfliteNetwork.load(MediaPipeModel.LANDMARK_LITE.model(), execution)) {
            float[] one = ModelInputs.pattern(224);
            float[] x = java.util.Arrays.copyOf(one, 2 * one.length);
            System.arraycopy(one, 0, x, one.length, one.length);
            net.run(one, 1);
            int weights = net.manager().getManagedArrays().size();
            float[] first = net.run(x, 2).get(0);
            for (int i = 0; i < 10; i++) {
                assertThat(net.run(x, 2).get(0)).containsExactly(first);
            }
            assertThat(net.manager().getManagedArrays()).hasSize(weights);
        }
    }

    @Test
    void runsScriptedOnTheCpuByDefaultAndKeepsTheProcessThreadCount() {
        int before = Threads.get();
        try (TfliteNetwork net = MediaPipeModel.PALM_LITE.open()) {
            assertThat(net.execution()).isEqualTo(TfliteNetwork.Execution.SCRIPTED);
            net.run(ModelInputs.noise(192, 3), 1);
        }
        assertThat(Threads.get()).as("the script thread sets its own OpenMP count, not the process's")
            .isEqualTo(before);
    }

    @Test
    void scriptedNetworksMayBeRunFromManyThreadsAtOnce() throws Exception {
        float[] palm = ModelInputs.noise(192, 5);
        float[] hand = ModelInputs.pattern(224);
        try (TfliteNetwork palms = MediaPipeModel.PALM_LITE.open(); TfliteNetwork hands = MediaPipeModel.LANDMARK_LITE.open()) {
            float[] palmAlone = palms.run(palm, 1).get(0);
            float[] handAlone = hands.run(hand, 1).get(0);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<float[]>> results = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    boolean even = i % 2 == 0;
                    results.add(pool.submit(() -> even ? palms.run(palm, 1).get(0) : hands.run(hand, 1).get(0)));
                }
                for (int i = 0; i < results.size(); i++) {
                    assertThat(results.get(i).get()).as("run %d", i).containsExactly(i % 2 == 0 ? palmAlone : handAlone);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void theExecutionPropertyIsReadAndABadValueNamed() {
        String before = System.getProperty(TfliteNetwork.EXECUTION_PROPERTY);
        try {
            System.setProperty(TfliteNetwork.EXECUTION_PROPERTY, "op_by_op");
            try (TfliteNetwork net = MediaPipeModel.PALM_LITE.open()) {
                assertThat(net.execution()).isEqualTo(TfliteNetwork.Execution.OP_BY_OP);
            }
            System.setProperty(TfliteNetwork.EXECUTION_PROPERTY, "fast");
            assertThatThrownBy(MediaPipeModel.PALM_LITE::open).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property ambidex.tflite.execution is 'fast'; expected AUTO, SCRIPTED or OP_BY_OP");
        } finally {
            if (before == null) {
                System.clearProperty(TfliteNetwork.EXECUTION_PROPERTY);
            } else {
                System.setProperty(TfliteNetwork.EXECUTION_PROPERTY, before);
            }
        }
    }

    @Test
    void widenedWeightsAreTheWeightZeroPaddedInFront() {
        float[] w = new float[2 * 3 * 2 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = i + 1;
        }
        WindowPadding uneven = new WindowPadding(0, 1, 1, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            // PyTorch's pad of the weight (pairs from the last axis): right - left columns, bottom - top rows in front.
            NDArray kernel = manager.create(w, new Shape(2, 3, 2, 3)).pad(new Shape(uneven.right() - uneven.left(), 0,
                uneven.bottom() - uneven.top(), 0), 0);
            assertThat(kernel.getShape()).isEqualTo(new Shape(2, 3, 3, 4));
            assertThat(WeightLayout.widenedInFront(w, 2, 3, 2, 3, 1, 1)).containsExactly(kernel.toFloatArray());
        }
    }

    @Test
    void weightsArePermutedToPyTorchLayouts() {
        // OHWI [2, 1, 2, 3] -> OIHW [2, 3, 1, 2]: value o*100 + h*10 + w + i/10 lands at [o][i][h][w].
        float[] ohwi = new float[12];
        for (int o = 0; o < 2; o++) {
            for (int w = 0; w < 2; w++) {
                for (int i = 0; i < 3; i++) {
                    ohwi[(o * 2 + w) * 3 + i] = o * 100 + w + i / 10f;
                }
            }
        }
        float[] oihw = WeightLayout.ohwiToOihw(ohwi, 2, 1, 2, 3);
        assertThat(oihw[(1 * 3 + 2) * 2 + 1]).isEqualTo(101 + 0.2f);
        float[] dw = {1, 2, 3, 4, 5, 6}; // [1, 1, 2, 3]: (w, c)
        assertThat(WeightLayout.depthwiseToC1hw(dw, 1, 2, 3)).containsExactly(1, 4, 2, 5, 3, 6);
    }
}
