package org.ambidex.hand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandModelLoaderTest {

    @TempDir
    Path dir;

    /** The arrays of a synthetic model as an .npz would hold them. */
    static Map<String, NdArray> arrays(HandModel m) {
        Map<String, NdArray> a = new LinkedHashMap<>();
        a.put("v_template", m.vTemplate());
        a.put("f", m.faces());
        a.put("J_regressor", m.jRegressor());
        a.put("weights", m.weights());
        a.put("posedirs", m.posedirs());
        a.put("shapedirs", m.shapedirs());
        a.put("hands_components", m.handsComponents());
        a.put("hands_mean", m.handsMean());
        long[] kintree = new long[32];
        int[] p = m.parents();
        for (int k = 0; k < 16; k++) {
            kintree[k] = p[k];
            kintree[16 + k] = k;
        }
        a.put("kintree_table", NdArray.ofLongs(new int[] {2, 16}, kintree));
        a.put("tip_vertices", NdArray.ofInts(new int[] {5}, 1, 2, 3, 4, 5));
        return a;
    }

    @Test
    void anOpenStyleNpzWithAnyVertexCountTipsMetadataAndExtrasLoads() {
        HandModel synthetic = SyntheticHandModels.random(3, 30, 10);
        Map<String, NdArray> a = arrays(synthetic);
        a.put("tip_vertices", NdArray.ofInts(new int[] {5}, 29, 28, 27, 26, 25));
        byte[] meta = "{\"format\":\"ambidex.handmodel/1\",\"name\":\"open\",\"side\":\"right\"}"
            .getBytes(StandardCharsets.UTF_8);
        a.put("ambidex_meta", NdArray.wrap(org.ambidex.io.DType.UINT8, new int[] {meta.length}, NdArray.Order.C, meta));
        a.put("joint_axes", NdArray.ofDoubles(new int[] {2}, 1, 2));
        Path file = dir.resolve("some-hand.npz");
        Npz.write(file, a, true);
        HandModel m = HandModelLoader.load(file, null, true);
        assertThat(m.side()).isEqualTo(HandSide.RIGHT);
        assertThat(m.vertexCount()).isEqualTo(30);
        assertThat(m.tipVertices(FingertipSet.SMPLX)).containsExactly(29, 28, 27, 26, 25);
        assertThat(m.metadataJson()).hasValueSatisfying(j -> assertThat(j).contains("ambidex.handmodel/1"));
        assertThat(m.extras()).containsKey("joint_axes").doesNotContainKeys("tip_vertices", "ambidex_meta");
        assertThat(m.vTemplate()).isEqualTo(synthetic.vTemplate());
    }

    @Test
    void notAHandModelFilesAreRefusedWithOneLine() throws IOException {
        Path text = Files.writeString(dir.resolve("MANO_RIGHT.pkl"), "hello, not a pickle");
        assertBad(() -> HandModelLoader.load(text, null, true), "expected a MANO .pkl");

        Map<String, NdArray> a = arrays(SyntheticHandModels.random(3, 30, 10));
        a.remove("v_template");
        Path missing = dir.resolve("missing_right.npz");
        Npz.write(missing, a, false);
        assertBad(() -> HandModelLoader.load(missing, null, true), "no 'v_template'");

        Map<String, NdArray> b = arrays(SyntheticHandModels.random(3, 30, 10));
        b.put("weights", NdArray.ofDoubles(new int[] {30, 15}, new double[30 * 15]));
        Path shape = dir.resolve("shape_right.npz");
        Npz.write(shape, b, false);
        assertBad(() -> HandModelLoader.load(shape, null, true), "weights must have shape (30, 16)");

        Map<String, NdArray> c = arrays(SyntheticHandModels.random(3, 30, 10));
        double[] t = c.get("v_template").toDoubleArray();
        t[4] = Double.NaN;
        c.put("v_template", NdArray.ofDoubles(new int[] {30, 3}, t));
        Path nan = dir.resolve("nan_right.npz");
        Npz.write(nan, c, false);
        assertBad(() -> HandModelLoader.load(nan, null, true), "v_template holds a non-finite value");

        Map<String, NdArray> d = arrays(SyntheticHandModels.random(3, 30, 10));
        d.remove("tip_vertices");
        Path noTips = dir.resolve("notips_right.npz");
        Npz.write(noTips, d, false);
        assertBad(() -> HandModelLoader.load(noTips, null, true), "must declare its tip_vertices");
    }

    @Test
    void sidesMustBeKnownAndConsistent() {
        Map<String, NdArray> a = arrays(SyntheticHandModels.random(3, 30, 10));
        a.put("tip_vertices", NdArray.ofInts(new int[] {5}, 1, 2, 3, 4, 5));
        Path anonymous = dir.resolve("hand.npz");
        Npz.write(anonymous, a, false);
        assertBad(() -> HandModelLoader.load(anonymous, null, true), "cannot tell which hand");
        assertThat(HandModelLoader.load(anonymous, HandSide.LEFT, true).side()).isEqualTo(HandSide.LEFT);
        assertBad(() -> HandModelLoader.load(ManoFixtures.file("MANO_RIGHT.npz"), HandSide.LEFT, true),
            "file name says right");
        assertBad(() -> HandModelLoader.load(dir, null, true), "needs the hand side");
        assertBad(() -> HandModelLoader.load(dir, HandSide.RIGHT, true), "no MANO_RIGHT");
        assertBad(() -> HandModelLoader.load(dir.resolve("absent.pkl"), null, true), "no such hand model file");
    }

    @Test
    void aLeftFileWithoutARightNeighbourIsUsedAsStored() throws IOException {
        Path lonely = dir.resolve("MANO_LEFT.npz");
        Files.copy(ManoFixtures.file("MANO_LEFT.npz"), lonely);
        HandModel m = HandModelLoader.load(lonely, null, true);
        assertThat(m.leftShapedirsFixed()).isFalse();
        assertThat(HandModelLoader.rightCounterpart(ManoFixtures.file("MANO_LEFT.pkl")))
            .isEqualTo(ManoFixtures.file("MANO_RIGHT.pkl"));
    }

    @Test
    void theOpenModelResolvesOrSaysItIsNotBuilt() {
        if (BuiltInHandModel.named(HandModelLoader.OPEN).orElseThrow().isAvailable()) {
            HandModel open = HandModelLoader.resolve("open", HandSide.RIGHT, true);
            assertThat(open.side()).isEqualTo(HandSide.RIGHT);
            assertThat(open.ownTipVertices()).isPresent();
        } else {
            assertBad(() -> HandModelLoader.resolve("open", HandSide.RIGHT, true), "open hand model is not built yet");
        }
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String fragment) {
        assertThatThrownBy(call).isInstanceOf(BadInputException.class).hasMessageContaining(fragment)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
