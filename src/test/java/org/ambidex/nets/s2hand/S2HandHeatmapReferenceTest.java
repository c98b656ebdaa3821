package org.ambidex.nets.s2hand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npy;
import org.ambidex.io.numpy.Npz;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.PyTorch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S2HAND's heat-map branch ({@code rgb2hm}) against src/test/python/s2hand_heatmap_reference.py (PyTorch, written
 * from the facts and checked once against the official net_hg.py and util.py, docs/MODELS.md): random weights with
 * batch-norm statistics calibrated on variants of the input and perturbed, two crops of the example images. The
 * heat maps of both stages and their integral joints, within 1e-5 of their largest magnitude.
 */
class S2HandHeatmapReferenceTest {

    static final Path SCRIPT = Path.of("src/test/python/s2hand_heatmap_reference.py");

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws Exception {
        PyTorch.assumeAvailable(false);
        PyTorch.scriptAt(SCRIPT, "forward", dir.toString(), "7", S2HandReferenceTest.IMAGES.get(0),
            S2HandReferenceTest.IMAGES.get(1));
    }

    @Test
    void heatMapsAndIntegralJointsMatchPyTorch() {
        Map<String, NdArray> ref = Npz.read(dir.resolve("heatmaps.npz"));
        float[] input = Npy.read(dir.resolve("input.npy")).toFloatArray();
        float[] maps = ref.get("maps").toFloatArray(); // (stages, B, 21, 64, 64)
        float[] joints = ref.get("joints").toFloatArray(); // (stages, B, 21, 2)
        S2HandCheckpoint checkpoint = S2HandCheckpoint.read(dir.resolve("texturehand_hm.t7"));
        assertThat(checkpoint.hasHeatmapBranch()).isTrue();
        try (S2HandModel model = S2HandModel.fromCheckpoint(checkpoint, S2HandReferenceTest.rightHand())) {
            assertThat(model.hasHeatmapWeights()).isTrue();
            List<S2HandHeatmaps> out = model.heatMaps(input, 2);
            int stages = S2HandHeatmapNet.STAGES;
            int mapFloats = 21 * 64 * 64;
            double mapScale = 0;
            double mapWorst = 0;
            double jointWorst = 0;
            for (int b = 0; b < 2; b++) {
                float[] mine = out.get(b).maps();
                double[] mineJoints = out.get(b).joints();
                for (int s = 0; s < stages; s++) {
                    for (int i = 0; i < mapFloats; i++) {
                        float r = maps[(s * 2 + b) * mapFloats + i];
                        mapScale = Math.max(mapScale, Math.abs(r));
                        mapWorst = Math.max(mapWorst, Math.abs(mine[s * mapFloats + i] - r));
                    }
                    for (int i = 0; i < 42; i++) {
                        jointWorst = Math.max(jointWorst,
                            Math.abs(mineJoints[s * 42 + i] - joints[(s * 2 + b) * 42 + i]));
                    }
                }
            }
            System.out.printf("S2HAND heat maps vs PyTorch: maps %.2e (largest %.2f), joints %.2e px%n", mapWorst,
                mapScale, jointWorst);
            assertThat(mapWorst / mapScale).as("heat maps, relative to the largest").isLessThan(1e-5);
            // Joints lie within the 256-pixel padded crop; 1e-5 of that side.
            assertThat(jointWorst).as("joints, pixels").isLessThan(256 * 1e-5);
            // The crops give different joints, and the stages differ: the comparison covers the image path.
            assertThat(diff(out.get(0).lastJoints(), out.get(1).lastJoints())).isGreaterThan(1);
            assertThat(out.get(0).lastJoints()).containsExactly(java.util.Arrays.copyOfRange(
                out.get(0).joints(), 42, 84));
        }
    }

    @Test
    void aCheckpointWithoutTheBranchLoadsAndSaysSo() {
        S2HandCheckpoint full = S2HandCheckpoint.read(dir.resolve("texturehand_hm.t7"));
        Map<String, NdArray> without = new LinkedHashMap<>(full.weights().tensors());
        without.keySet().removeIf(S2HandCheckpoint::isHeatmapBranch);
        S2HandCheckpoint threeD = new S2HandCheckpoint(full.source(), StateDict.of(full.source(), without), Map.of(),
            Optional.empty());
        assertThat(threeD.hasHeatmapBranch()).isFalse();
        try (S2HandModel model = S2HandModel.fromCheckpoint(threeD, S2HandReferenceTest.rightHand())) {
            assertThat(model.hasHeatmapWeights()).isFalse();
            assertThatThrownBy(() -> model.heatMaps(new float[3 * 224 * 224], 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rgb2hm");
        }
    }

    @Test
    void aWrongShapeOrAMissingTensorInTheBranchIsRefusedByName() {
        S2HandCheckpoint full = S2HandCheckpoint.read(dir.resolve("texturehand_hm.t7"));
        Map<String, NdArray> bad = new LinkedHashMap<>(full.weights().tensors());
        String name = "rgb2hm.net_hm.hourglass.1.low2.up1_.0.conv2.weight";
        assertThat(bad).containsKey(name);
        bad.put(name, NdArray.ofFloats(new int[] {128, 128, 1, 1}, new float[128 * 128]));
        bad.remove("rgb2hm.net_hm.tmpOut_.0.bias");
        S2HandCheckpoint wrong = new S2HandCheckpoint(full.source(), StateDict.of(full.source(), bad), Map.of(),
            Optional.empty());
        assertThatThrownBy(() -> S2HandModel.fromCheckpoint(wrong, S2HandReferenceTest.rightHand()))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining(name + ": (128,128,1,1) expected (128,128,3,3)")
            .hasMessageContaining("missing (rgb2hm.net_hm.tmpOut_.0.bias)");
    }

    private static double diff(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
