package org.ambidex.nets.mediapipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.ambidex.io.tflite.TfliteModel;
import org.ambidex.io.tflite.TfliteTensor;
import org.junit.jupiter.api.Test;

class MediaPipeModelTest {

    @Test
    void everyBundledModelHasItsDigestAndReads() {
        for (MediaPipeModel m : MediaPipeModel.values()) {
            assertThat(m.model().source()).isEqualTo(m.resource());
            assertThat(m.resource()).startsWith("org/ambidex/models/mediapipe/").endsWith(".tflite");
        }
        assertThat(MediaPipeModel.PALM_LITE.model().tensors()).hasSize(353);
    }

    @Test
    void theInputSizeIsTheModelsAndOnlyThePoseDetectorTakesMinusOneToOne() {
        for (MediaPipeModel m : MediaPipeModel.values()) {
            TfliteModel model = m.model();
            assertThat(model.tensor(model.inputs().get(0)).shape()).as(m.name())
                .containsExactly(1, m.inputSize(), m.inputSize(), 3);
            assertThat(m.inputMin()).as(m.name()).isEqualTo(m == MediaPipeModel.POSE_DETECTION ? -1f : 0f);
        }
        assertThat(MediaPipeModel.POSE_DETECTION.inputSize()).isEqualTo(224);
        assertThat(MediaPipeModel.POSE_LANDMARK_LITE.inputSize()).isEqualTo(256);
    }

    @Test
    void thePoseDetectorsWeightsAreSparseAndItsOutputsAreAnchors() {
        TfliteModel model = MediaPipeModel.POSE_DETECTION.model();
        assertThat(model.tensors().stream().filter(TfliteTensor::sparse).count()).isEqualTo(38);
        assertThat(model.outputs().stream().map(i -> model.tensor(i).shape()).toList())
            .containsExactly(List.of(1, 2254, 12), List.of(1, 2254, 1));
        TfliteModel landmarks = MediaPipeModel.POSE_LANDMARK_FULL.model();
        assertThat(landmarks.outputs().stream().map(i -> landmarks.tensor(i).shape()).toList()).containsExactly(
            List.of(1, 195), List.of(1, 1), List.of(1, 256, 256, 1), List.of(1, 64, 64, 39), List.of(1, 117));
    }

    @Test
    void aChangedModelIsRefusedWithBothDigests() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MediaPipeModel.LANDMARK_LITE.resource())) {
            bytes = in.readAllBytes();
        }
        bytes[bytes.length / 2] ^= 1;
        assertThatThrownBy(() -> MediaPipeModel.verified("org/ambidex/models/mediapipe/hand_landmark_lite.tflite",
            bytes, MediaPipeModel.LANDMARK_LITE.sha256())).isInstanceOf(BadInputException.class)
            .hasMessageStartingWith("org/ambidex/models/mediapipe/hand_landmark_lite.tflite: SHA-256 is ")
            .hasMessageContaining("; expected " + MediaPipeModel.LANDMARK_LITE.sha256());
    }

    @Test
    void licenceAndProvenanceAreBesideTheModels() throws IOException {
        try (InputStream licence = getClass().getClassLoader().getResourceAsStream("org/ambidex/models/mediapipe/LICENSE");
             InputStream provenance = getClass().getClassLoader()
                 .getResourceAsStream("org/ambidex/models/mediapipe/PROVENANCE.md")) {
            assertThat(new String(licence.readAllBytes())).contains("Apache License", "Version 2.0, January 2004");
            String text = new String(provenance.readAllBytes());
            for (MediaPipeModel m : MediaPipeModel.values()) {
                assertThat(text).contains(m.sha256());
            }
        }
    }
}
