package org.ambidex.nets.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.ambidex.nets.mediapipe.MediaPipeModel;
import org.junit.jupiter.api.Test;

/**
 * hand_landmark_full on an input any test can regenerate, against the outputs of the real TensorFlow Lite 2.6.2
 * runtime stored in fixtures/mediapipe/hand_landmark_full_pattern_reference.json (shared fixture).
 */
class PatternReferenceTest {

    @Test
    void landmarkFullMatchesTfliteOnThePattern() throws IOException {
        JsonNode reference;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/mediapipe/hand_landmark_full_pattern_reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        assertThat(reference.get("model_sha256").asText()).isEqualTo(MediaPipeModel.LANDMARK_FULL.sha256());
        JsonNode expected = reference.get("cases").get(0);
        List<float[]> out;
        try (TfliteNetwork net = MediaPipeModel.LANDMARK_FULL.open()) {
            assertThat(net.outputNames()).containsExactly("Identity", "Identity_1", "Identity_2", "Identity_3");
            out = net.run(ModelInputs.pattern(224), 1);
        }
        double landmarks = maxDiff(out.get(0), expected.get("Identity"));
        double presence = maxDiff(out.get(1), expected.get("Identity_1"));
        double handedness = maxDiff(out.get(2), expected.get("Identity_2"));
        double world = maxDiff(out.get(3), expected.get("Identity_3"));
        System.out.printf("pattern: landmarks %.3g px, presence %.3g, handedness %.3g, world %.3g m%n", landmarks,
            presence, handedness, world);
        assertThat(landmarks).as("landmarks, px").isLessThan(1e-3);
        assertThat(presence).isLessThan(1e-5);
        assertThat(handedness).isLessThan(1e-5);
        assertThat(world).as("world landmarks, m").isLessThan(1e-5);
    }

    static double maxDiff(float[] actual, JsonNode expected) {
        assertThat(actual).hasSize(expected.size());
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected.get(i).asDouble()));
        }
        return max;
    }
}
