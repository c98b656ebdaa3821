package org.ambidex.eval;

import static org.ambidex.eval.TestHands.hand;
import static org.ambidex.eval.TestHands.scaledAbout;
import static org.ambidex.eval.TestHands.shifted;
import static org.ambidex.eval.TestHands.translated;
import static org.ambidex.eval.TestHands.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ambidex.data.HandType;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.junit.jupiter.api.Test;

class ScaledRootProtocolsTest {

    private static final double MM = 1e-3;
    private static final double TOL = 1e-9;

    private static final double[] R = hand(0.1, 0.0, 0.5);
    private static final double[] L = hand(-0.2, 0.05, 0.5);
    private static final double[] RV = {0.1, 0.0, 0.5, 0.12, 0.01, 0.5, 0.11, 0.02, 0.52, 0.13, 0, 0.51};
    private static final double[] LV = {-0.2, 0.05, 0.5, -0.18, 0.06, 0.5, -0.19, 0.07, 0.52, -0.17, 0.05, 0.51};

    /**
     * One interacting frame. Right prediction: twice the size about `about`, moved by 0.3 m, joint 4 off by 4 mm in
     * x before scaling back (2 mm after); its vertices follow the same similarity. Left: exact but joint 20 off
     * by 2 mm (and marked invalid, which these protocols ignore), one of four vertices 1 mm off.
     */
    private static EvalReport evaluate(Protocol protocol, int about, Vec3 relRoot) {
        double[] rightPred = translated(shifted(scaledAbout(R, about, 2), 4, 4 * MM, 0, 0), 0.3, 0, 0);
        double[] rightVerts = new double[RV.length];
        for (int i = 0; i < RV.length; i++) {
            rightVerts[i] = (RV[i] - R[3 * about + i % 3]) * 2 + R[3 * about + i % 3] + (i % 3 == 0 ? 0.3 : 0);
        }
        double[] leftPred = shifted(L, 20, 0, 2 * MM, 0);
        double[] leftVerts = shifted(LV, 2, 0, 0, 1 * MM);
        GroundTruthSample gt = new GroundTruthSample("s", HandType.INTERACTING, true,
            new HandTruth(R, valid(), RV), new HandTruth(L, valid(20), LV), new Intrinsics(1000, 1000, 128, 128));
        Prediction p = new Prediction("s", new HandPrediction(rightPred, rightVerts, 1, null),
            new HandPrediction(leftPred, leftVerts, 1, null), relRoot);
        return Evaluator.evaluate(protocol, List.of(gt), List.of(p));
    }

    @Test
    void intagHandCentresOnTheMiddleMcpScalesAndAveragesHands() {
        EvalReport r = evaluate(new IntagHandProtocol(PckThresholds.DEFAULT, false), 9, null);
        EvalReport.MetricTable j = r.table("mpjpe");
        assertThat(j.value(Split.INTERACTING, HandColumn.RIGHT) / MM).isCloseTo(2 / 21.0, within(TOL));
        assertThat(j.value(Split.INTERACTING, HandColumn.LEFT) / MM).isCloseTo(2 / 21.0, within(TOL));
        assertThat(j.value(Split.ALL, HandColumn.BOTH) / MM).isCloseTo(2 / 21.0, within(TOL));
        EvalReport.MetricTable v = r.table("mpvpe");
        assertThat(v.value(Split.ALL, HandColumn.RIGHT) / MM).isCloseTo(0, within(TOL));
        assertThat(v.value(Split.ALL, HandColumn.LEFT) / MM).isCloseTo(0.25, within(TOL));
        assertThat(v.value(Split.ALL, HandColumn.BOTH) / MM).isCloseTo(0.125, within(TOL));
        assertThat(j.value(Split.SINGLE, HandColumn.BOTH)).isNaN();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("1 ground-truth joints marked invalid"));
    }

    @Test
    void intagHandCanRespectValidityOnRequest() {
        EvalReport r = evaluate(new IntagHandProtocol(PckThresholds.DEFAULT, true), 9, null);
        assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.LEFT)).isCloseTo(0, within(1e-15));
    }

    @Test
    void dirWithWristRootAddsPixelErrorsAndRootError() {
        // Relative root (left minus right wrist) 3 mm off in x.
        Vec3 rel = Vec3.of(L, 0).minus(Vec3.of(R, 0)).plus(new Vec3(3 * MM, 0, 0));
        EvalReport r = evaluate(new DirProtocol(Hands.WRIST, PckThresholds.DEFAULT, false), 0, rel);
        assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.BOTH) / MM).isCloseTo(2 / 21.0, within(TOL));
        // Joint 4 of the right hand (depth 0.5 m) is 2 mm off in x: 1000 px * 0.002 / 0.5 = 4 px.
        EvalReport.MetricTable px = r.table("joint_2d");
        assertThat(px.unit()).isEqualTo("px");
        assertThat(px.value(Split.ALL, HandColumn.RIGHT)).isCloseTo(4 / 21.0, within(1e-9));
        assertThat(r.scalar("root_error").value() / MM).isCloseTo(3, within(TOL));
        // Left vertex 2 is 1 mm off in depth: no pixel change when it lies on... its 2-D error follows projection.
        assertThat(r.table("vertex_2d").value(Split.ALL, HandColumn.RIGHT)).isCloseTo(0, within(1e-9));
    }

    @Test
    void dirRootErrorFromBothPredictedHandsWithMcpRoot() {
        EvalReport r = evaluate(new DirProtocol(Hands.MIDDLE_MCP, PckThresholds.DEFAULT, false), 9, null);
        // Without a relative root the predicted hands' own positions count: the right one is 0.3 m off in x and
        // scaled by 2 about its MCP, so its MCP is 0.3 m off; the left MCP is exact.
        assertThat(r.scalar("root_error").value()).isCloseTo(0.3, within(1e-12));
        assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.BOTH) / MM).isCloseTo(2 / 21.0, within(TOL));
    }
}
