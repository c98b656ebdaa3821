package org.ambidex.nets.s2hand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npy;
import org.ambidex.io.numpy.Npz;
import org.ambidex.nets.PyTorch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ambidex's S2HAND against src/test/python/s2hand_reference.py (PyTorch, written from the facts): a random network
 * with random batch-norm statistics, saved as the published {@code texturehand_*.t7} files are laid out (legacy
 * container, cuda:0 storages, {@code argparse.Namespace}, optimizer state), run on two crops of the example images.
 * The generator poses MANO from the plain-array fixture (.npz), ambidex from the pickle of the same model.
 */
class S2HandReferenceTest {

    static final Path MANO_DIR = Path.of("src/test/resources/fixtures/mano-format");
    static final Path SCRIPT = Path.of("src/test/python/s2hand_reference.py");
    static final List<String> IMAGES = List.of("examples/images/train/Capture0/synth_point/cam410000/image0.jpg",
        "examples/images/train/Capture3/synth_clasp/cam410000/image7.jpg");

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws Exception {
        PyTorch.assumeAvailable(false);
        PyTorch.scriptAt(SCRIPT, dir.toString(), MANO_DIR.resolve("MANO_RIGHT.npz").toString(), "7", IMAGES.get(0),
            IMAGES.get(1));
    }

    static HandModel rightHand() {
        return HandModelLoader.load(MANO_DIR.resolve("MANO_RIGHT.pkl"), HandSide.RIGHT, true);
    }

    @Test
    void jointsVerticesTextureAndLightMatchPyTorch() {
        Map<String, NdArray> ref = Npz.read(dir.resolve("outputs.npz"));
        float[] input = Npy.read(dir.resolve("input.npy")).toFloatArray();
        S2HandCheckpoint checkpoint = S2HandCheckpoint.read(dir.resolve("texturehand_test.t7"));
        try (S2HandModel model = S2HandModel.fromCheckpoint(checkpoint, rightHand())) {
            List<S2HandPrediction> out = model.predict(input, 2);
            double[] joints = ref.get("joints").toDoubleArray();
            double[] vertices = ref.get("vertices").toDoubleArray();
            double[] pose = ref.get("pose").toDoubleArray();
            double[] textures = ref.get("textures").toDoubleArray();
            double[] lights = ref.get("lights").toDoubleArray();
            double[] trans = ref.get("trans").toDoubleArray();
            double[] rot = ref.get("rot").toDoubleArray();
            double[] scale = ref.get("scale").toDoubleArray();
            double worstJoint = 0;
            double worstVertex = 0;
            for (int b = 0; b < 2; b++) {
                S2HandPrediction p = out.get(b);
                worstJoint = Math.max(worstJoint, maxDiff(p.joints(), joints, b * 63));
                worstVertex = Math.max(worstVertex, maxDiff(p.vertices(), vertices, b * 778 * 3));
                assertThat(maxDiff(toDouble(p.pcaCoefficients()), pose, b * 30)).as("PCA coefficients")
                    .isLessThan(1e-4);
                assertThat(maxDiff(p.translation(), trans, b * 3)).as("translation").isLessThan(1e-5);
                assertThat(maxDiff(p.rotation(), rot, b * 3)).as("rotation").isLessThan(1e-4);
                assertThat(Math.abs(p.scale() - scale[b])).as("scale").isLessThan(1e-5);
                assertThat(maxDiff(toDouble(p.faceTextures()), textures, b * 1538 * 3)).as("face textures")
                    .isLessThan(1e-4);
                assertThat(maxDiff(toDouble(p.lights()), lights, b * 11)).as("lights").isLessThan(1e-4);
            }
            System.out.printf("S2HAND vs PyTorch: joints %.2e m, vertices %.2e m%n", worstJoint, worstVertex);
            assertThat(worstJoint).as("joints, metres").isLessThan(1e-5);
            assertThat(worstVertex).as("vertices, metres").isLessThan(1e-5);
            // The two images give different hands: the comparison covers the image path, not only the biases.
            assertThat(maxDiff(out.get(0).joints(), joints, 63)).as("image 0 vs image 1").isGreaterThan(1e-3);
        }
    }

    @Test
    void checkpointLayoutIsRead() {
        S2HandCheckpoint checkpoint = S2HandCheckpoint.read(dir.resolve("texturehand_test.t7"));
        assertThat(checkpoint.args()).containsEntry("regress_mode", "mano").containsEntry("use_mean_shape", true)
            .containsEntry("image_size", 224L);
        assertThat(checkpoint.epoch()).contains(179L);
        assertThat(checkpoint.hasHeatmapBranch()).isFalse();
        assertThat(checkpoint.weights().tensors()).containsKey("encoder.encoder._blocks.25._bn2.running_var")
            .containsKey("decoder.hand_decode.scale_reg.3.bias")
            .containsKey("texture_light_from_low.texture_reg.2.weight")
            .doesNotContainKey("optimizer.state.0.exp_avg");
    }

    @Test
    void anotherNetworksCheckpointIsRefusedListingTheTensors() {
        S2HandCheckpoint internet = S2HandCheckpoint.read(
            Path.of("src/test/resources/fixtures/nets/tiny-internet/snapshot.pth.tar"));
        assertThatThrownBy(() -> S2HandModel.fromCheckpoint(internet, rightHand()))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("is not a checkpoint of S2HAND")
            .hasMessageContaining("missing (encoder.encoder._conv_stem.weight")
            .hasMessageContaining("unexpected (network.module.");
    }

    private static double maxDiff(double[] mine, double[] ref, int offset) {
        double worst = 0;
        for (int i = 0; i < mine.length; i++) {
            worst = Math.max(worst, Math.abs(mine[i] - ref[offset + i]));
        }
        return worst;
    }

    private static double[] toDouble(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
