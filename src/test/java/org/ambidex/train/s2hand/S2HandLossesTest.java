package org.ambidex.train.s2hand;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npz;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.s2hand.S2HandMano;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S2HAND's loss terms against src/test/python/s2hand_reference.py ('losses': a fixed random batch of four; the
 * generator's renderer-free terms were checked once against the official loss_func, docs/MODELS.md), to 1e-5
 * relative; the rendered terms ({@code texture}, {@code mrgb}, {@code mtex}) from a given rendering, silhouette,
 * photo and face colours.
 */
class S2HandLossesTest {

    static final Path MANO_DIR = Path.of("src/test/resources/fixtures/mano-format");

    @TempDir
    Path dir;

    @Test
    void everyTermEqualsTheReference() throws Exception {
        PyTorch.assumeAvailable(false);
        PyTorch.scriptAt(Path.of("src/test/python/s2hand_reference.py"), "losses", dir.toString(),
            MANO_DIR.resolve("MANO_RIGHT.npz").toString(), "3");
        Map<String, NdArray> ref = Npz.read(dir.resolve("losses.npz"));
        try (NDManager m = NDManager.newBaseManager();
             S2HandMano mano = new S2HandMano(HandModelLoader.load(MANO_DIR.resolve("MANO_RIGHT.pkl"), HandSide.RIGHT,
                 false), m)) {
            NDArray j2d = array(m, ref.get("j2d"));
            NDArray det = array(m, ref.get("det"));
            NDArray con = array(m, ref.get("con"));
            NDArray poses = mano.poses(array(m, ref.get("coeffs")));
            float[] expectedPoses = ref.get("poses").toFloatArray();
            float[] actualPoses = poses.toFloatArray();
            for (int i = 0; i < expectedPoses.length; i++) {
                assertThat(Math.abs(actualPoses[i] - expectedPoses[i])).as("pose %d", i).isLessThan(1e-5f);
            }
            check("open_2dj", S2HandLosses.keypoints(j2d, det, con), ref);
            check("open_bone_direc", S2HandLosses.boneDirections(j2d, det, con), ref);
            check("mscale", S2HandLosses.meanScale(array(m, ref.get("joints"))), ref);
            check("mshape", S2HandLosses.shape(array(m, ref.get("betas"))), ref);
            check("tsa_poses", S2HandLosses.poseLimits(poses), ref);
            check("triangle", S2HandLosses.laplacian(array(m, ref.get("verts")), ref.get("faces").toIntArray()), ref);

            int[] idxs = ref.get("idxs").toIntArray();
            float[] factor = new float[idxs.length];
            for (int i = 0; i < idxs.length; i++) {
                factor[i] = idxs[i] < 32560 ? S2HandRenderedLosses.ORIGINAL_IMAGE : 0.1f;
            }
            NDArray textureCon = S2HandRenderedLosses.textureConfidence(array(m, ref.get("tcon")), m.create(factor));
            float[] expectedCon = ref.get("texture_con").toFloatArray();
            float[] actualCon = textureCon.toFloatArray();
            for (int i = 0; i < expectedCon.length; i++) {
                assertThat(actualCon[i]).as("texture confidence %d", i).isCloseTo(expectedCon[i],
                    org.assertj.core.data.Offset.offset(1e-6f));
            }
            NDArray masked = S2HandRenderedLosses.maskedPhoto(array(m, ref.get("imgs")), array(m, ref.get("sil")));
            assertThat(masked.toFloatArray()).containsExactly(ref.get("mask_rgbs").toFloatArray());
            NDArray rendered = array(m, ref.get("re_img"));
            check("texture", S2HandRenderedLosses.photometric(rendered, masked, textureCon), ref);
            check("mrgb", S2HandRenderedLosses.meanColour(rendered, masked, textureCon), ref);
            check("mtex", S2HandRenderedLosses.textureOutliers(array(m, ref.get("textures")), textureCon), ref);
        }
    }

    /**
     * {@code hm_integral} and {@code kp_cons} against src/test/python/s2hand_heatmap_reference.py ('losses': two
     * stages of joints, projected 3-D joints and detections on a batch of three, some confidences zero, distances
     * on both sides of the 5-pixel knee; the generator's terms equal the official loss_func's, docs/MODELS.md).
     */
    @Test
    void heatMapTermsEqualTheReference() throws Exception {
        PyTorch.assumeAvailable(false);
        PyTorch.scriptAt(Path.of("src/test/python/s2hand_heatmap_reference.py"), "losses", dir.toString(), "11");
        Map<String, NdArray> ref = Npz.read(dir.resolve("hm_losses.npz"));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray last = array(m, ref.get("stage1"));
            check("hm_integral", S2HandHeatmapLosses.integral(java.util.List.of(array(m, ref.get("stage0")), last),
                array(m, ref.get("det")), array(m, ref.get("con"))), ref);
            check("kp_cons", S2HandHeatmapLosses.consistency(last, array(m, ref.get("j2d"))), ref);
        }
    }

    private static void check(String term, NDArray value, Map<String, NdArray> ref) {
        double expected = ref.get(term).getDouble(0);
        double actual = value.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        assertThat(expected).as(term + " is not trivially zero").isNotZero();
        assertThat(Math.abs(actual - expected) / Math.abs(expected)).as(term + ": %s vs %s", actual, expected)
            .isLessThan(1e-5);
    }

    private static NDArray array(NDManager m, NdArray a) {
        long[] shape = new long[a.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = a.shape()[i];
        }
        return m.create(a.toFloatArray(), new Shape(shape));
    }
}
