package org.ambidex.nets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npy;
import org.ambidex.io.numpy.Npz;

/** Compares ambidex's InterNet with PyTorch's outputs written by src/test/python/internet_reference.py. */
final class InterNetReference {

    private InterNetReference() {
    }

    /** Loads {@code dir/snapshot.pth.tar}, runs it on {@code dir/input.npy} and checks {@code dir/outputs.npz}. */
    static void check(Path dir, InterNetConfig expectedConfig) {
        Map<String, NdArray> ref = Npz.read(dir.resolve("outputs.npz"));
        float[] input = Npy.read(dir.resolve("input.npy")).toFloatArray();
        try (InterNetModel model = InterNetModel.fromCheckpoint(dir.resolve("snapshot.pth.tar"))) {
            assertThat(model.config()).isEqualTo(expectedConfig);
            List<InterNetPrediction> out = model.predict(input, 1);
            InterNetPrediction p = out.get(0);
            float[] max = ref.get("max").toFloatArray();
            float[] second = ref.get("second").toFloatArray();
            double[] coords = ref.get("coords").toDoubleArray();
            float[] scores = p.scores();
            double[] joints = p.joints();
            int compared = 0;
            for (int j = 0; j < max.length; j++) {
                float tol = 1e-5f * Math.max(1f, Math.abs(max[j]));
                assertThat(scores[j]).as("heatmap maximum of joint %d", j).isCloseTo(max[j], within(tol));
                // Where the best two cells differ by more than float noise, the argmax must be the same cell.
                if (max[j] - second[j] > 4 * tol) {
                    compared++;
                    for (int k = 0; k < 3; k++) {
                        assertThat(joints[3 * j + k]).as("joint %d axis %d", j, k).isEqualTo(coords[3 * j + k]);
                    }
                }
            }
            java.nio.file.Path heatFile = dir.resolve("heat.npy");
            if (java.nio.file.Files.exists(heatFile)) {
                // Every joint: the cell ambidex picked holds, in PyTorch's heatmap, the maximum up to float noise.
                float[] heat = Npy.read(heatFile).toFloatArray();
                int d = expectedConfig.depthBins();
                int hm = expectedConfig.heatmapSize();
                for (int j = 0; j < max.length; j++) {
                    int cell = ((j * d + (int) joints[3 * j + 2]) * hm + (int) joints[3 * j + 1]) * hm
                        + (int) joints[3 * j];
                    assertThat(heat[cell]).as("PyTorch's value at ambidex's argmax of joint %d", j)
                        .isCloseTo(max[j], within(2e-5f * Math.max(1f, Math.abs(max[j]))));
                }
            } else {
                // A random network has flat heatmaps: some joints have runners-up within float noise of the maximum.
                assertThat(compared).as("joints with a clear maximum").isGreaterThanOrEqualTo(max.length / 2);
            }
            assertThat(p.relRootDepth()).isCloseTo(ref.get("root").getDouble(0), within(1e-4));
            assertThat(p.handType()).containsExactly(ref.get("hand").toDoubleArray(), within(1e-5));
        }
    }
}
