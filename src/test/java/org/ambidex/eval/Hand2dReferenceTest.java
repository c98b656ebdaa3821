package org.ambidex.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ambidex.core.Progress;
import org.ambidex.data.coco.CocoHandReader;
import org.ambidex.data.coco.CocoHandSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code hand2d} protocol against src/test/python/hand2d_reference.py, which computes the numbers from the same
 * files with NumPy the way mmpose's keypoint_pck_accuracy, keypoint_auc and keypoint_epe do (float32 throughout).
 * The fixtures and expected numbers under fixtures/hand2d were written by its {@code generate}; the second test
 * re-runs the script when a Python with NumPy is installed and checks it still gives the committed numbers.
 */
class Hand2dReferenceTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/hand2d");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"wholebody, annotation, expected_wholebody", "plain, annotation, expected_plain_annotation",
        "plain, image, expected_plain_image"})
    void numbersEqualTheReference(String set, String box, String expected) throws IOException {
        JsonNode e = JSON.readTree(FIXTURES.resolve(expected + ".json").toFile());
        CocoHandSet coco = CocoHandReader.read(FIXTURES.resolve(set + ".json"));
        Hand2dBox rule = box.equals("image") ? Hand2dBox.IMAGE : Hand2dBox.ANNOTATION;
        List<HandKeypointTruth> truth = CocoHandGroundTruth.of(coco, rule);
        EvalReport report;
        try (PredictionsReader predictions = PredictionsReader.open(FIXTURES.resolve(set + "_pred.json"))) {
            report = Hand2dProtocol.MMPOSE.evaluate(truth, predictions, Progress.silent());
        }
        JsonNode counts = e.get("counts");
        EvalCounts c = report.counts();
        assertThat(c.groundTruthSamples()).isEqualTo(counts.get("instances").asLong());
        assertThat(c.evaluatedSamples()).isEqualTo(counts.get("evaluated").asLong());
        assertThat(c.samplesOutsideProtocol()).isEqualTo(counts.get("crowd").asLong()
            + counts.get("no_keypoints").asLong() + counts.get("empty_box").asLong());
        assertThat(c.samplesWithoutPrediction()).isEqualTo(counts.get("without_sample").asLong());
        assertThat(c.handsWithoutPrediction()).isEqualTo(counts.get("without_hand").asLong());
        assertThat(c.predictionsWithoutGroundTruth()).isEqualTo(counts.get("unmatched_predictions").asLong());
        assertThat(coco.invalidHands()).isEqualTo(counts.get("invalid_hands").asLong());
        assertThat(coco.incompleteAnnotations()).isEqualTo(counts.get("incomplete").asLong());
        for (String group : List.of("all", "left", "right")) {
            JsonNode g = e.get("groups").get(group);
            String suffix = group.equals("all") ? "" : "_" + group;
            HandColumn column = group.equals("all") ? HandColumn.BOTH
                : group.equals("left") ? HandColumn.LEFT : HandColumn.RIGHT;
            if (g.isNull()) {
                assertThat(report.scalars()).noneMatch(s -> s.key().equals("pck" + suffix));
                continue;
            }
            assertThat(report.scalar("pck" + suffix).value()).as(group + " pck")
                .isCloseTo(g.get("pck").asDouble(), within(1e-9));
            assertThat(report.scalar("pck" + suffix).count()).isEqualTo(g.get("keypoints").asLong());
            assertThat(report.scalar("auc" + suffix).value()).as(group + " auc")
                .isCloseTo(g.get("auc").asDouble(), within(1e-9));
            assertThat(report.scalar("epe" + suffix).value()).as(group + " epe")
                .isCloseTo(g.get("epe").asDouble(), within(1e-9));
            // mmpose's own float32 sum differs from the float64 one in the last float32 digits only.
            assertThat(report.scalar("epe" + suffix).value()).isCloseTo(g.get("epe_float32").asDouble(),
                within(1e-6 * g.get("epe").asDouble()));
            assertThat(report.scalar("epe" + suffix).count()).isEqualTo(g.get("distances").asLong());
            EvalReport.PckCurve curve = report.curves().stream().filter(k -> k.column() == column).findFirst()
                .orElseThrow();
            assertThat(curve.auc()).isEqualTo(report.scalar("auc" + suffix).value());
            assertClose(curve.pck(), g.get("auc_curve"), group + " curve");
            assertClose(perKeypoint(report, "pck", column), g.get("pck_per_keypoint"), group + " per-keypoint pck");
            assertClose(perKeypoint(report, "epe", column), g.get("epe_per_keypoint"), group + " per-keypoint epe");
        }
        JsonNode handedness = e.get("handedness");
        if (handedness.get("count").asLong() > 0) {
            EvalReport.Scalar h = report.scalar("handedness_accuracy");
            assertThat(h.count()).isEqualTo(handedness.get("count").asLong());
            assertThat(h.value()).isCloseTo(handedness.get("correct").asDouble() / h.count(), within(1e-12));
        }
    }

    @ParameterizedTest
    @CsvSource({"wholebody, annotation, expected_wholebody", "plain, annotation, expected_plain_annotation",
        "plain, image, expected_plain_image"})
    void theReferenceScriptStillGivesTheCommittedNumbers(String set, String box, String expected) throws IOException {
        String python = NumpyPython.find();
        assumeTrue(python != null, "reference re-run skipped: no Python 3 with NumPy (install Debian's "
            + "python3-numpy, as .ci/install.d/python3-torch.sh does)");
        Path out = dir.resolve(expected + ".json");
        String error = NumpyPython.run(List.of(python, "src/test/python/hand2d_reference.py", "expect",
            FIXTURES.resolve(set + ".json").toString(), FIXTURES.resolve(set + "_pred.json").toString(), box,
            out.toString()), 300);
        assertThat(error).as("reference script").isEmpty();
        JsonNode rerun = JSON.readTree(out.toFile());
        JsonNode committed = JSON.readTree(FIXTURES.resolve(expected + ".json").toFile());
        assertThat(rerun.get("counts")).isEqualTo(committed.get("counts"));
        assertThat(rerun.get("handedness")).isEqualTo(committed.get("handedness"));
        for (String group : List.of("all", "left", "right")) {
            JsonNode a = rerun.get("groups").get(group);
            JsonNode b = committed.get("groups").get(group);
            if (b.isNull()) {
                assertThat(a.isNull()).as(group).isTrue();
                continue;
            }
            // NumPy 1 divides the float32 sum in float64, NumPy 2 in float32: mmpose's own EPE depends on it.
            assertThat(a.get("epe_float32").asDouble()).as(group).isCloseTo(b.get("epe_float32").asDouble(),
                within(1e-6 * b.get("epe").asDouble()));
            ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("epe_float32");
            ((com.fasterxml.jackson.databind.node.ObjectNode) b).remove("epe_float32");
            assertThat(a).as(group).isEqualTo(b);
        }
    }

    private static double[] perKeypoint(EvalReport report, String key, HandColumn column) {
        EvalReport.PerJointErrors e = report.perJoint().stream().filter(p -> p.key().equals(key)).findFirst()
            .orElseThrow();
        return switch (column) {
            case BOTH -> e.both();
            case LEFT -> e.left();
            case RIGHT -> e.right();
        };
    }

    /** Equal to 1e-9, NaN where the reference has null. */
    private static void assertClose(double[] actual, JsonNode expected, String what) {
        assertThat(actual).as(what).hasSize(expected.size());
        for (int i = 0; i < actual.length; i++) {
            if (expected.get(i).isNull()) {
                assertThat(actual[i]).as(what + " " + i).isNaN();
            } else {
                assertThat(actual[i]).as(what + " " + i).isCloseTo(expected.get(i).asDouble(), within(1e-9));
            }
        }
    }
}
