package org.ambidex.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ambidex.eval.TestHands.hand;
import static org.ambidex.eval.TestHands.shifted;
import static org.ambidex.eval.TestHands.valid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.ambidex.data.HandType;
import org.ambidex.geom.Intrinsics;
import org.junit.jupiter.api.Test;

class ReportWritingTest {

    private static final double[] R = hand(0.1, 0.0, 0.5);

    /** One right-hand frame: joint 5 off by 3 mm; its 2-D joints given with joint 2 off by (3, 4) px. */
    private static EvalReport report() {
        Intrinsics k = new Intrinsics(1000, 1000, 100, 100);
        double[] uv = PointErrors.project(R, k);
        uv[2 * 2] += 3;
        uv[2 * 2 + 1] += 4;
        GroundTruthSample gt = new GroundTruthSample("a", HandType.RIGHT, true, new HandTruth(R, valid(), null), null, k);
        Prediction p = new Prediction("a", new HandPrediction(shifted(R, 5, 0.003, 0, 0), null, 0.8, uv), null, null);
        return Evaluator.evaluate(new InterHandProtocol(PckThresholds.DEFAULT), List.of(gt), List.of(p));
    }

    @Test
    void predictedTwoDJointsAreScoredInPixels() {
        EvalReport.MetricTable t = report().table("predicted_joint_2d");
        assertThat(t.unit()).isEqualTo("px");
        assertThat(t.official()).isFalse();
        assertThat(t.value(Split.SINGLE, HandColumn.RIGHT)).isCloseTo(5.0 / 21, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void markdownShowsSplitsByHandsInMillimetresAndNaForNoData() {
        String md = ReportMarkdown.render(report(), Map.of("split", "test"), Map.of("pck.png", "PCK curves"));
        // 3 mm on one of 21 joints: 0.142857... mm.
        assertThat(md).contains("## MPJPE, wrist-aligned [mm]")
            .contains("| frames | left | right | both |")
            .contains("| single | n/a | 0.14 | 0.14 |")
            .contains("| interacting | n/a | n/a | n/a |")
            .contains("| all | n/a | 0.14 | 0.14 |")
            .contains("| Handedness accuracy | 100.00 % | 1 |")
            .contains("![PCK curves](pck.png)")
            .contains("- split: `test`");
    }

    @Test
    void jsonKeepsFullPrecisionInMetresWithNullForNoData() {
        ObjectNode json = ReportJson.toJson(report(), Map.of("protocol", "interhand"));
        assertThat(json.get("format").asText()).isEqualTo("ambidex.eval-report/1");
        assertThat(json.get("unit").asText()).isEqualTo("m");
        JsonNode mpjpe = json.get("tables").get(0);
        assertThat(mpjpe.get("key").asText()).isEqualTo("mpjpe");
        assertThat(mpjpe.get("values").get("single").get("right").asDouble()).isEqualTo(report().table("mpjpe")
            .value(Split.SINGLE, HandColumn.RIGHT));
        assertThat(mpjpe.get("values").get("single").get("left").isNull()).isTrue();
        assertThat(json.get("per_joint").get(0).get("joints").get(0).asText()).isEqualTo("wrist");
        assertThat(json.get("curves").get(0).get("thresholds")).hasSize(200);
    }
}
