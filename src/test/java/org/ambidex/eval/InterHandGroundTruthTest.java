package org.ambidex.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ambidex.data.HandType;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.junit.jupiter.api.Test;

/** The tiny hand-written InterHand2.6M set of the data tests (fixtures/interhand-tiny/README.md). */
class InterHandGroundTruthTest {

    private static Path root() {
        try {
            return Path.of(InterHandGroundTruthTest.class.getResource("/fixtures/interhand-tiny").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void jointsAreMovedToOpenPoseOrderWithTheirValidity() {
        try (InterHandDataset ds = InterHandDataset.open(root(), InterHandFilter.all("test"))) {
            GroundTruthIndex index = InterHandGroundTruth.index(ds);
            assertThat(index.size()).isEqualTo(4);
            // Annotation 3: right hand, InterHand slot 5 (index DIP) invalid.
            int at = -1;
            for (int i = 0; i < index.size(); i++) {
                if (index.id(i).equals("3")) {
                    at = i;
                }
            }
            GroundTruthSample g = index.get(at);
            Sample s = ds.get(at);
            assertThat(g.handType()).isEqualTo(HandType.RIGHT);
            // The fixture marks the left hand's joints valid although the frame is "right": the official evaluation
            // would use them, so the left hand is kept.
            assertThat(g.left()).isNotNull();
            assertThat(g.intrinsics().fx()).isEqualTo(1000);
            // OpenPose wrist = InterHand slot 20; OpenPose index DIP (7) = InterHand slot 5.
            assertThat(g.right().joints()[1]).isCloseTo(s.jointCam(20).y(), within(1e-15));
            assertThat(g.right().joints()[3 * 7 + 1]).isCloseTo(s.jointCam(5).y(), within(1e-15));
            assertThat(g.right().jointValid()[7]).isEqualTo(s.valid(5)).isFalse();
            long invalid = 0;
            for (boolean v : g.right().jointValid()) {
                invalid += v ? 0 : 1;
            }
            assertThat(invalid).isEqualTo(1);
        }
    }

    @Test
    void anInterHandEvaluationOfTheGroundTruthItselfIsZero() {
        try (InterHandDataset ds = InterHandDataset.open(root(), InterHandFilter.all("test"))) {
            GroundTruthIndex index = InterHandGroundTruth.index(ds);
            List<Prediction> preds = new java.util.ArrayList<>();
            for (int i = 0; i < index.size(); i++) {
                GroundTruthSample g = index.get(i);
                preds.add(new Prediction(g.id(), g.right() == null ? null : HandPrediction.ofJoints(g.right().joints()),
                    g.left() == null ? null : HandPrediction.ofJoints(g.left().joints()), null));
            }
            EvalReport r = Evaluator.evaluate(new InterHandProtocol(PckThresholds.DEFAULT), index, preds);
            assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.BOTH)).isZero();
            assertThat(r.counts().evaluatedSamples()).isEqualTo(4);
            assertThat(ReportMarkdown.render(r, Map.of(), Map.of())).contains("| all |");
        }
    }
}
