package org.ambidex.nets.mediapipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import org.ambidex.core.BadInputException;
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
