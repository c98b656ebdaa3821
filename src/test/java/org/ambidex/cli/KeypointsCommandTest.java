package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ambidex keypoints} on a FreiHAND-layout folder made of two example renders (examples/): the one with a right
 * hand gets that hand's keypoints (near its annotated joints) with one confidence, the one where the finder sees no
 * hand gets zeros with confidence 0.
 */
class KeypointsCommandTest {

    static final Path EXAMPLES = Path.of("examples");
    static final String WITH_HANDS = "images/train/Capture0/synth_point/cam410000/image0.jpg";
    static final String WITHOUT = "images/train/Capture3/synth_clasp/cam410000/image7.jpg";

    @TempDir
    Path dir;

    @Test
    void writesS2handsKeypointFileFromTheHandFinder() throws Exception {
        Path rgb = Files.createDirectories(dir.resolve("training").resolve("rgb"));
        Files.copy(EXAMPLES.resolve(WITH_HANDS), rgb.resolve("00000000.jpg"));
        Files.copy(EXAMPLES.resolve(WITHOUT), rgb.resolve("00000001.jpg"));
        String zeros = "[" + String.join(",", java.util.Collections.nCopies(21, "[0,0,0.5]")) + "]";
        Files.writeString(dir.resolve("training_xyz.json"), "[" + zeros + "," + zeros + "]");
        String k = "[[500,0,112],[0,500,112],[0,0,1]]";
        Files.writeString(dir.resolve("training_K.json"), "[" + k + "," + k + "]");
        Path out = dir.resolve("detect_all.json");
        CliRun run = CliRun.of("--quiet", "keypoints", "--data", dir.toString(), "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode file = new ObjectMapper().readTree(out.toFile());
        JsonNode points = file.get(0);
        JsonNode confidences = file.get(1);
        assertThat(points).hasSize(2);
        assertThat(confidences.get(0)).hasSize(21);
        assertThat(confidences.get(0).get(0)).hasSize(1);
        double c = confidences.get(0).get(0).get(0).asDouble();
        assertThat(c).isGreaterThan(0.5).isLessThanOrEqualTo(1);
        for (int j = 0; j < 21; j++) {
            assertThat(confidences.get(0).get(j).get(0).asDouble()).isEqualTo(c);
            assertThat(confidences.get(1).get(j).get(0).asDouble()).isZero();
            assertThat(points.get(1).get(j).get(0).asDouble()).isZero();
        }
        // The right hand: every keypoint within a fifth of the hand's size of its annotated joint.
        Sample s;
        try (InterHandDataset data = InterHandDataset.open(EXAMPLES, InterHandFilter.all("train"))) {
            s = data.samples().stream().filter(x -> x.image().endsWith(WITH_HANDS)).findFirst().orElseThrow();
        }
        double[] px = s.jointsPx();
        int[] gather = JointOrder.gatherFromInterHand42(HandSide.RIGHT);
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double worst = 0;
        for (int j = 0; j < 21; j++) {
            double ax = px[2 * gather[j]];
            double ay = px[2 * gather[j] + 1];
            minX = Math.min(minX, ax);
            maxX = Math.max(maxX, ax);
            worst = Math.max(worst, Math.hypot(points.get(0).get(j).get(0).asDouble() - ax,
                points.get(0).get(j).get(1).asDouble() - ay));
        }
        assertThat(worst).as("farthest keypoint from its annotated joint, px").isLessThan((maxX - minX) / 5 + 5);
    }
}
