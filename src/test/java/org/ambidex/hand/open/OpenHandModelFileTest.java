package org.ambidex.hand.open;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed model file, its format, its loading through the project's loader and layer, the CLI. */
class OpenHandModelFileTest {

    @TempDir
    Path dir;

    @Test
    void committedModelIsExactlyWhatTheGeneratorBuildsForTheDefaultSeed() {
        HandModel loaded = OpenHandModel.load(HandSide.RIGHT);
        OpenHandModelData committed = OpenHandModel.fromHandModel(loaded);
        OpenHandModelData generated = GeneratedModel.right();
        Map<String, NdArray> a = committed.toArrays();
        Map<String, NdArray> b = generated.toArrays();
        assertThat(a.keySet()).containsExactlyElementsOf(b.keySet());
        for (String key : a.keySet()) {
            double[] x = a.get(key).toDoubleArray();
            double[] y = b.get(key).toDoubleArray();
            double worst = 0;
            for (int i = 0; i < Math.min(x.length, y.length); i++) {
                worst = Math.max(worst, Math.abs(x[i] - y[i]));
            }
            assertThat(java.util.Arrays.equals(x, y)).as("%s equal (largest difference %s)", key, worst).isTrue();
        }
    }

    @Test
    void writingTheSameModelTwiceGivesTheSameBytes() throws Exception {
        Npz.write(dir.resolve("a.npz"), GeneratedModel.right().toArrays(), true);
        Npz.write(dir.resolve("b.npz"), OpenHandGenerator.generate(OpenHandGenerator.DEFAULT_SEED).toArrays(), true);
        assertThat(Files.readAllBytes(dir.resolve("a.npz"))).isEqualTo(Files.readAllBytes(dir.resolve("b.npz")));
        assertThat(Files.size(dir.resolve("a.npz"))).isLessThan(5_000_000);
    }

    @Test
    void fileHasTheAgreedKeysShapesAndMetadata() throws Exception {
        Npz.write(dir.resolve("m.npz"), GeneratedModel.right().toArrays(), true);
        Map<String, NdArray> arrays = Npz.read(dir.resolve("m.npz"));
        int v = arrays.get("v_template").dim(0);
        assertThat(arrays.get("f").dtype()).isEqualTo(org.ambidex.io.DType.INT32);
        assertThat(arrays.get("J_regressor").shape()).containsExactly(16, v);
        assertThat(arrays.get("weights").shape()).containsExactly(v, 16);
        assertThat(arrays.get("posedirs").shape()).containsExactly(v, 3, 135);
        assertThat(arrays.get("shapedirs").shape()).containsExactly(v, 3, 10);
        assertThat(arrays.get("hands_components").shape()).containsExactly(45, 45);
        assertThat(arrays.get("kintree_table").dtype()).isEqualTo(org.ambidex.io.DType.INT64);
        assertThat(arrays.get("kintree_table").toLongArray()).startsWith(4294967295L, 0, 1, 2, 0);
        assertThat(arrays.get("tip_vertices").dtype()).isEqualTo(org.ambidex.io.DType.INT32);
        assertThat(arrays.get("joint_axes").shape()).containsExactly(16, 3, 3);
        assertThat(arrays.get("joint_limits").shape()).containsExactly(16, 3, 2);
        JsonNode meta = new ObjectMapper().readTree(new String(arrays.get("ambidex_meta").bytes(),
            java.nio.charset.StandardCharsets.UTF_8));
        assertThat(meta.get("format").asText()).isEqualTo("ambidex.handmodel/1");
        assertThat(meta.get("name").asText()).isEqualTo("open");
        assertThat(meta.get("side").asText()).isEqualTo("right");
        assertThat(meta.get("version").asText()).isEqualTo(OpenHandGenerator.VERSION);
        assertThat(meta.get("seed").asLong()).isEqualTo(OpenHandGenerator.DEFAULT_SEED);
    }

    @Test
    void projectHandLayerPosesTheModelAsTheReferenceForwardPass() {
        HandModel model = OpenHandModel.load(HandSide.RIGHT);
        OpenHandModelData data = GeneratedModel.right();
        SplittableRandom random = new SplittableRandom(3);
        double[] pose = new double[48];
        for (int i = 0; i < 48; i++) {
            pose[i] = 0.4 * (random.nextDouble() - 0.5);
        }
        double[] betas = new double[10];
        for (int i = 0; i < 10; i++) {
            betas[i] = random.nextDouble() * 2 - 1;
        }
        SimpleLbs.Output expected = SimpleLbs.forward(data, betas, pose);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             HandLayer layer = new HandLayer(model, m, DataType.FLOAT64)) {
            double[] global = java.util.Arrays.copyOfRange(pose, 0, 3);
            double[] hand = java.util.Arrays.copyOfRange(pose, 3, 48);
            HandParams p = HandParams.axisAngle(m.create(global, new Shape(1, 3)), m.create(hand, new Shape(1, 45)), true)
                .withBetas(m.create(betas, new Shape(1, 10)));
            try (HandOutput out = layer.forward(p)) {
                double[] v = out.vertices().toDoubleArray();
                for (int i = 0; i < v.length; i++) {
                    assertThat(v[i]).isCloseTo(expected.vertices()[i], within(1e-9));
                }
            }
        }
    }
}
