package org.ambidex.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoPair;
import org.ambidex.data.ManoParams;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ground truth regressed from MANO parameters (the synthetic MANO-format fixture models: random values, MANO
 * structure), checked against the smplx reference outputs and through the intaghand, dir and zhang protocols by
 * invariants: the true mesh as prediction gives zero error, similarity transforms of it are aligned away, and a
 * known vertex offset gives its known share of the vertex error.
 */
class ManoGroundTruthTest {

    private static final double TOL = 1e-9;
    /** As the hand layer's own reference test: the file prints 9 significant digits of float64 smplx outputs. */
    private static final double REF_TOL = 1e-6;
    private static final Intrinsics K = new Intrinsics(1000, 1000, 128, 128);
    private static HandModel right;
    private static HandModel left;
    private static ManoGroundTruth mano;

    @BeforeAll
    static void load() throws URISyntaxException {
        Path folder = Path.of(ManoGroundTruthTest.class.getResource("/fixtures/mano-format/MANO_RIGHT.pkl").toURI())
            .getParent();
        right = HandModelLoader.load(folder, HandSide.RIGHT, true);
        left = HandModelLoader.load(folder, HandSide.LEFT, true);
        mano = new ManoGroundTruth(right, left);
    }

    @AfterAll
    static void close() {
        mano.close();
    }

    private static double[] row(JsonNode n) {
        List<Double> out = new ArrayList<>();
        flatten(n, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(c -> flatten(c, out));
        } else {
            out.add(n.asDouble());
        }
    }

    private static double[] slice(double[] a, int i, int n) {
        return java.util.Arrays.copyOfRange(a, i * n, (i + 1) * n);
    }

    /** Each smplx reference case with the hand mean added and 45 axis-angle values, as InterHand2.6M's params. */
    @Test
    void matchesSmplxOnBothSidesWithTheLeftShapedirsFixed() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(
            ManoGroundTruthTest.class.getResourceAsStream("/fixtures/mano-format/reference_outputs.json"));
        int checked = 0;
        for (String key : List.of("right", "left_shapedirs_fixed")) {
            int hand = key.equals("right") ? Hands.RIGHT : Hands.LEFT;
            HandModel model = hand == Hands.RIGHT ? right : left;
            for (JsonNode c : ref.get(key)) {
                if (c.get("flat_hand_mean").asBoolean() || c.get("num_pca_comps").asInt() != 45) {
                    continue;
                }
                double[] orient = row(c.get("global_orient"));
                double[] pose = row(c.get("hand_pose"));
                double[] betas = row(c.get("betas"));
                double[] transl = row(c.get("transl"));
                double[] verts = row(c.get("vertices"));
                double[] joints16 = row(c.get("joints16"));
                int b = orient.length / 3;
                List<ManoPair> frames = new ArrayList<>();
                for (int i = 0; i < b; i++) {
                    double[] p = new double[48];
                    System.arraycopy(orient, 3 * i, p, 0, 3);
                    System.arraycopy(pose, 45 * i, p, 3, 45);
                    ManoParams params = new ManoParams(p, slice(betas, i, 10), slice(transl, i, 3));
                    frames.add(hand == Hands.RIGHT ? new ManoPair(params, null) : new ManoPair(null, params));
                }
                List<ManoTruth> out = mano.compute(frames);
                for (int i = 0; i < b; i++) {
                    ManoHand m = out.get(i).hand(hand);
                    assertThat(out.get(i).hand(1 - hand)).isNull();
                    double[] v = slice(verts, i, 778 * 3);
                    assertThat(m.vertices()).containsExactly(v, within(REF_TOL));
                    // Zhang: the 16 skeleton joints, then vertices 745, 317, 444, 556, 673, in OpenPose order.
                    double[] manoTips = new double[63];
                    System.arraycopy(slice(joints16, i, 48), 0, manoTips, 0, 48);
                    int[] tips = FingertipSet.INTAGHAND.vertices();
                    for (int t = 0; t < 5; t++) {
                        System.arraycopy(v, 3 * tips[t], manoTips, 48 + 3 * t, 3);
                    }
                    assertThat(m.skeletonJoints()).containsExactly(
                        JointOrder.OPENPOSE.convert(manoTips, JointOrder.MANO16_TIPS, 3), within(REF_TOL));
                    // IntagHand: J_regressor applied to the posed mesh (not the skeleton), same tips.
                    double[] regressed = manoTips.clone();
                    double[] reg = model.jRegressor().toDoubleArray();
                    for (int j = 0; j < 16; j++) {
                        for (int k = 0; k < 3; k++) {
                            double s = 0;
                            for (int x = 0; x < 778; x++) {
                                s += reg[j * 778 + x] * v[3 * x + k];
                            }
                            regressed[3 * j + k] = s;
                        }
                    }
                    assertThat(m.meshJoints()).containsExactly(
                        JointOrder.OPENPOSE.convert(regressed, JointOrder.MANO16_TIPS, 3), within(REF_TOL));
                    assertThat(mano.regressor().joints(hand, v)).containsExactly(m.meshJoints(), within(REF_TOL));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(2 * 5);
    }

    @Test
    void eachSideUsesItsOwnModel() {
        ManoParams p = params(new SplittableRandom(3));
        ManoTruth t = mano.compute(new ManoPair(p, p));
        assertThat(t.left().vertices()).isNotEqualTo(t.right().vertices());
        double[] v = t.right().vertices();
        assertThat(mano.regressor().joints(Hands.LEFT, v)).isNotEqualTo(mano.regressor().joints(Hands.RIGHT, v));
    }

    /** Random but moderate parameters, 0.5 m in front of the camera. */
    private static ManoParams params(SplittableRandom r) {
        double[] pose = new double[48];
        for (int i = 0; i < 48; i++) {
            pose[i] = r.nextDouble(-0.3, 0.3);
        }
        double[] shape = new double[10];
        for (int i = 0; i < 10; i++) {
            shape[i] = r.nextDouble(-1, 1);
        }
        return new ManoParams(pose, shape, new double[] {r.nextDouble(-0.1, 0.1), r.nextDouble(-0.1, 0.1), 0.5});
    }

    /** Annotated joints deliberately far from the MANO ones: a protocol that used them would see large errors. */
    private static HandTruth annotated() {
        return HandTruth.allValid(TestHands.hand(0.3, 0.3, 0.9), null);
    }

    private static GroundTruthSample sample(String id, ManoTruth hands) {
        return new GroundTruthSample(id, HandType.INTERACTING, true, annotated(), annotated(), K).withMano(hands);
    }

    private static double[] similarity(double[] points, double scale, double tx, double ty, double tz) {
        double[] out = new double[points.length];
        for (int i = 0; i < points.length; i += 3) {
            out[i] = points[i] * scale + tx;
            out[i + 1] = points[i + 1] * scale + ty;
            out[i + 2] = points[i + 2] * scale + tz;
        }
        return out;
    }

    private static ManoTruth frame(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return mano.compute(new ManoPair(params(r), params(r)));
    }

    private static List<Protocol> meshProtocols() {
        return List.of(new IntagHandProtocol(PckThresholds.DEFAULT, false, mano.regressor()),
            new DirProtocol(Hands.WRIST, PckThresholds.DEFAULT, false, mano.regressor()),
            new DirProtocol(Hands.MIDDLE_MCP, PckThresholds.DEFAULT, false, mano.regressor()));
    }

    @Test
    void theTrueMeshScaledAndMovedIsAPerfectPredictionForTheMeshProtocols() {
        ManoTruth t = frame(11);
        // Predicted joints are junk: these references regress them from the predicted mesh.
        double[] junk = TestHands.hand(0, 0, 2);
        Prediction p = new Prediction("a",
            new HandPrediction(junk, similarity(t.right().vertices(), 1.3, 0.1, -0.2, 0.3), 1, null),
            new HandPrediction(junk, similarity(t.left().vertices(), 0.8, -0.05, 0, 0.1), 1, null), null);
        for (Protocol protocol : meshProtocols()) {
            EvalReport r = Evaluator.evaluate(protocol, List.of(sample("a", t)), List.of(p));
            assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.BOTH)).as(protocol.name()).isCloseTo(0, within(TOL));
            assertThat(r.table("mpvpe").value(Split.ALL, HandColumn.BOTH)).as(protocol.name()).isCloseTo(0, within(TOL));
            assertThat(r.table("mpvpe").count(Split.ALL, HandColumn.BOTH)).isEqualTo(2 * 778);
            if (protocol instanceof DirProtocol) {
                assertThat(r.table("vertex_2d").value(Split.ALL, HandColumn.BOTH)).isCloseTo(0, within(1e-6));
                assertThat(r.table("joint_2d").value(Split.ALL, HandColumn.BOTH)).isCloseTo(0, within(1e-6));
            }
            assertThat(r.method()).anySatisfy(m -> assertThat(m).contains("regressed from the MANO mesh"));
        }
    }

    @Test
    void aVertexOutsideTheRegressorMovesOnlyTheVertexError() {
        ManoTruth t = frame(12);
        int free = -1;
        double[] reg = right.jRegressor().toDoubleArray();
        java.util.Set<Integer> tips = new java.util.HashSet<>();
        for (int v : FingertipSet.INTAGHAND.vertices()) {
            tips.add(v);
        }
        for (int v = 0; v < 778 && free < 0; v++) {
            boolean used = tips.contains(v);
            for (int j = 0; j < 16; j++) {
                used |= reg[j * 778 + v] != 0;
            }
            free = used ? -1 : v;
        }
        assertThat(free).isNotNegative();
        double[] rv = t.right().vertices();
        rv[3 * free + 1] += 0.004;
        Prediction p = new Prediction("a", new HandPrediction(t.right().meshJoints(), rv, 1, null),
            new HandPrediction(t.left().meshJoints(), t.left().vertices(), 1, null), null);
        EvalReport r = Evaluator.evaluate(meshProtocols().get(0), List.of(sample("a", t)), List.of(p));
        assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.BOTH)).isCloseTo(0, within(TOL));
        assertThat(r.table("mpvpe").value(Split.ALL, HandColumn.RIGHT)).isCloseTo(0.004 / 778, within(TOL));
        assertThat(r.table("mpvpe").value(Split.ALL, HandColumn.LEFT)).isCloseTo(0, within(TOL));
        assertThat(r.table("mpvpe").value(Split.ALL, HandColumn.BOTH)).isCloseTo(0.002 / 778, within(TOL));
    }

    @Test
    void zhangTakesSkeletonJointsAndMovesPredictedVerticesByThePredictedRoot() {
        ManoTruth t = frame(13);
        // Joints exact up to a similarity; the right vertices additionally 3 mm off along z: after Zhang's
        // alignment (by the predicted joints) every right vertex is 3 mm / 1.5 off, scaled back: 2 mm.
        double[] rj = similarity(t.right().skeletonJoints(), 1.5, 0.2, 0.1, 0);
        double[] rv = similarity(t.right().vertices(), 1.5, 0.2, 0.1, 0.003);
        Prediction p = new Prediction("a", new HandPrediction(rj, rv, 1, null),
            new HandPrediction(t.left().skeletonJoints(), t.left().vertices(), 1, null), null);
        EvalReport r = Evaluator.evaluate(new ZhangProtocol(PckThresholds.DEFAULT, true,
            ZhangProtocol.Validity.REMAPPED, true), List.of(sample("a", t)), List.of(p));
        assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.BOTH)).isCloseTo(0, within(TOL));
        assertThat(r.table("mpvpe").value(Split.ALL, HandColumn.RIGHT)).isCloseTo(0.002, within(TOL));
        assertThat(r.table("mpvpe").value(Split.ALL, HandColumn.LEFT)).isCloseTo(0, within(TOL));
        // Zero errors up to rounding: a keypoint whose error rounds above 0 misses PCK(0) only, half a step of area.
        double halfStep = 1 / (2 * 199.0);
        assertThat(r.scalar("auc").value()).isBetween(1 - halfStep, 1.0);
        assertThat(r.scalar("auc_0_100").value()).isBetween(1 - halfStep, 1.0);
    }

    @Test
    void framesAndHandsWithoutManoAreLeftOutAsTheReferencesDo() {
        ManoTruth full = frame(14);
        ManoTruth rightOnly = new ManoTruth(frame(15).right(), null);
        List<GroundTruthSample> gt = List.of(sample("a", full), sample("b", rightOnly),
            sample("c", new ManoTruth(null, null)));
        List<Prediction> preds = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            ManoTruth t = id.equals("a") ? full : frame(15);
            preds.add(new Prediction(id, new HandPrediction(t.right().skeletonJoints(), t.right().vertices(), 1, null),
                new HandPrediction(t.left().skeletonJoints(), t.left().vertices(), 1, null), null));
        }
        // IntagHand/DIR keep only frames whose hands all have parameters.
        EvalReport intag = Evaluator.evaluate(meshProtocols().get(0), gt, preds);
        assertThat(intag.counts().evaluatedSamples()).isEqualTo(1);
        assertThat(intag.counts().samplesWithoutMano()).isEqualTo(2);
        assertThat(intag.notes()).anySatisfy(n -> assertThat(n).startsWith("2 samples lack MANO parameters"));
        assertThat(intag.table("mpjpe").value(Split.ALL, HandColumn.BOTH)).isCloseTo(0, within(TOL));
        // Zhang marks the hand without parameters invalid and skips frames with none.
        EvalReport zhang = Evaluator.evaluate(new ZhangProtocol(PckThresholds.DEFAULT, true,
            ZhangProtocol.Validity.REMAPPED, true), gt, preds);
        assertThat(zhang.counts().evaluatedSamples()).isEqualTo(2);
        assertThat(zhang.counts().samplesWithoutMano()).isEqualTo(1);
        assertThat(zhang.counts().handsWithoutMano()).isEqualTo(1);
        assertThat(zhang.table("mpjpe").count(Split.ALL, HandColumn.RIGHT)).isEqualTo(2 * 21);
        assertThat(zhang.table("mpjpe").count(Split.ALL, HandColumn.LEFT)).isEqualTo(21);
        assertThat(zhang.table("mpjpe").value(Split.ALL, HandColumn.BOTH)).isCloseTo(0, within(TOL));
    }

    @Test
    void predictionsWithoutMeshesKeepTheirJointsAndWrongMeshesAreRefused() {
        ManoTruth t = frame(16);
        Prediction jointsOnly = new Prediction("a", HandPrediction.ofJoints(t.right().meshJoints()),
            HandPrediction.ofJoints(t.left().meshJoints()), null);
        EvalReport r = Evaluator.evaluate(meshProtocols().get(0), List.of(sample("a", t)), List.of(jointsOnly));
        assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.BOTH)).isCloseTo(0, within(TOL));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("2 predicted hands had no vertices"));
        Prediction wrong = new Prediction("a", new HandPrediction(t.right().meshJoints(), new double[] {0, 0, 1}, 1,
            null), null, null);
        assertThatThrownBy(() -> Evaluator.evaluate(meshProtocols().get(0), List.of(sample("a", t)), List.of(wrong)))
            .isInstanceOf(DegenerateHandException.class).hasMessageContaining("sample a")
            .hasMessageContaining("has 778");
    }

    @Test
    void withoutManoTheAnnotatedJointsAreUsedAndTheReportSaysSo() {
        ManoTruth t = frame(17);
        Prediction p = new Prediction("a", new HandPrediction(t.right().meshJoints(), t.right().vertices(), 1, null),
            new HandPrediction(t.left().meshJoints(), t.left().vertices(), 1, null), null);
        EvalReport r = Evaluator.evaluate(new IntagHandProtocol(PckThresholds.DEFAULT, false), List.of(sample("a", t)),
            List.of(p));
        assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.BOTH)).isGreaterThan(0.001);
        assertThat(r.method()).anySatisfy(m -> assertThat(m).startsWith("Ground truth: the dataset's annotated joints"));
    }
}
