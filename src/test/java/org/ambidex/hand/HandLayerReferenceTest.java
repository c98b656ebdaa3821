package org.ambidex.hand;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layer against the smplx MANO layer's float64 outputs on the MANO-format fixtures (reference_outputs.json):
 * vertices and the 16 joints within 1e-6 m in float64 and 2e-5 m in float32; the 21 keypoints with the smplx
 * tips in MANO-16+tips order equal the reference {@code joints21}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandLayerReferenceTest {

    private final Map<String, HandModel> models = new HashMap<>();
    private NDManager manager;
    private final Map<DataType, Map<String, HandLayer>> layers = new HashMap<>();

    @BeforeAll
    void load() {
        models.put("right", HandModelLoader.load(ManoFixtures.file("MANO_RIGHT.pkl"), null, true));
        models.put("left_raw", HandModelLoader.load(ManoFixtures.file("MANO_LEFT.pkl"), null, false));
        models.put("left_shapedirs_fixed", HandModelLoader.load(ManoFixtures.file("MANO_LEFT.pkl"), null, true));
        manager = NDManager.newBaseManager("PyTorch");
        for (DataType t : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            Map<String, HandLayer> byGroup = new HashMap<>();
            models.forEach((group, model) -> byGroup.put(group, new HandLayer(model, manager, t)));
            layers.put(t, byGroup);
        }
    }

    @AfterAll
    void close() {
        layers.values().forEach(m -> m.values().forEach(HandLayer::close));
        manager.close();
    }

    List<ManoFixtures.Case> cases() {
        return ManoFixtures.cases();
    }

    @Test
    void theLeftFixIsDetectedAndOnlyWhenAskedFor() {
        assertThat(models.get("left_shapedirs_fixed").leftShapedirsFixed()).isTrue();
        assertThat(models.get("left_raw").leftShapedirsFixed()).isFalse();
        assertThat(models.get("right").leftShapedirsFixed()).isFalse();
        assertThat(HandModelLoader.hasLeftShapedirsDefect(models.get("left_raw"), models.get("right"))).isTrue();
        assertThat(HandModelLoader.hasLeftShapedirsDefect(models.get("left_shapedirs_fixed"), models.get("right")))
            .isFalse();
        assertThat(models.get("left_raw").side()).isEqualTo(HandSide.LEFT);
    }

    @ParameterizedTest(name = "{0} float64")
    @MethodSource("cases")
    void float64MatchesSmplx(ManoFixtures.Case c) {
        check(c, DataType.FLOAT64, 1e-6);
    }

    @ParameterizedTest(name = "{0} float32")
    @MethodSource("cases")
    void float32MatchesSmplx(ManoFixtures.Case c) {
        check(c, DataType.FLOAT32, 2e-5);
    }

    private void check(ManoFixtures.Case c, DataType type, double tolerance) {
        HandLayer layer = layers.get(type).get(c.group());
        int b = c.batch();
        try (NDManager m = manager.newSubManager()) {
            HandParams params = new HandParams(array(m, c, "betas"), array(m, c, "global_orient"),
                array(m, c, "hand_pose"), c.pca() ? HandPoseKind.PCA : HandPoseKind.AXIS_ANGLE,
                array(m, c, "transl"), c.flat());
            try (HandOutput out = layer.forward(params, FingertipSet.SMPLX, JointOrder.MANO16_TIPS)) {
                assertThat(out.vertices().getShape()).isEqualTo(new Shape(b, 778, 3));
                assertThat(out.vertices().getDataType()).isEqualTo(type);
                assertClose(out.vertices(), c.values("vertices"), tolerance, "vertices");
                assertClose(out.joints16(), c.values("joints16"), tolerance, "joints16");
                assertClose(out.keypoints(), c.values("joints21"), tolerance, "joints21");
            }
        }
    }

    static NDArray array(NDManager m, ManoFixtures.Case c, String key) {
        return m.create(c.values(key), new Shape(c.batch(), c.width(key)));
    }

    static void assertClose(NDArray actual, double[] expected, double tolerance, String what) {
        double[] a = actual.toType(DataType.FLOAT64, false).toDoubleArray();
        assertThat(a).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - expected[i]));
        }
        assertThat(worst).as("largest %s difference (m)", what).isLessThanOrEqualTo(tolerance);
    }

    @Test
    void pickleAndNpzGiveIdenticalModels() {
        for (String side : new String[] {"RIGHT", "LEFT"}) {
            HandModel pkl = HandModelLoader.read(ManoFixtures.file("MANO_" + side + ".pkl"), null);
            HandModel npz = HandModelLoader.read(ManoFixtures.file("MANO_" + side + ".npz"), null);
            assertThat(npz.side()).isEqualTo(pkl.side()).isEqualTo(HandSide.valueOf(side));
            assertThat(npz.vTemplate()).isEqualTo(pkl.vTemplate());
            assertThat(npz.faces()).isEqualTo(pkl.faces());
            assertThat(npz.jRegressor()).isEqualTo(pkl.jRegressor());
            assertThat(npz.weights()).isEqualTo(pkl.weights());
            assertThat(npz.posedirs()).isEqualTo(pkl.posedirs());
            assertThat(npz.shapedirs()).isEqualTo(pkl.shapedirs());
            assertThat(npz.handsComponents()).isEqualTo(pkl.handsComponents());
            assertThat(npz.handsMean()).isEqualTo(pkl.handsMean());
            assertThat(npz.parents()).containsExactly(pkl.parents()).containsExactly(SyntheticHandModels.MANO_PARENTS);
            assertThat(npz.extras().keySet()).contains("J", "hands_coeffs");
        }
    }

    @Test
    void theFolderFormAndTheNpzFormLoadTheSameFixedLeftModel() {
        HandModel fromFolder = HandModelLoader.load(ManoFixtures.file("MANO_LEFT.pkl").getParent(), HandSide.LEFT,
            true);
        HandModel fromNpz = HandModelLoader.load(ManoFixtures.file("MANO_LEFT.npz"), null, true);
        assertThat(fromFolder.leftShapedirsFixed()).isTrue();
        assertThat(fromNpz.shapedirs()).isEqualTo(fromFolder.shapedirs());
    }
}
