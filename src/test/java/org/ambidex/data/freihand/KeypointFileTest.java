package org.ambidex.data.freihand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S2HAND's keypoint file: both confidence nestings read, and each malformed layout named in one line. */
class KeypointFileTest {

    @TempDir
    Path dir;

    @Test
    void readsKeypointsAndBothConfidenceNestings() throws IOException {
        List<String> points = new ArrayList<>();
        for (int j = 0; j < 21; j++) {
            points.add("[" + j + "," + (100 + j) + ".5]");
        }
        String image = "[" + String.join(",", points) + "]";
        String nested = "[" + String.join(",", Collections.nCopies(21, "[0.75]")) + "]";
        String bare = "[" + String.join(",", Collections.nCopies(21, "0")) + "]";
        Path file = write("[[" + image + "," + image + "],[" + nested + "," + bare + "]]");
        KeypointFile k = KeypointFile.read(file);
        assertThat(k.size()).isEqualTo(2);
        assertThat(k.keypoints().get(1)[2 * 20]).isEqualTo(20);
        assertThat(k.keypoints().get(1)[2 * 20 + 1]).isEqualTo(120.5);
        assertThat(k.confidences().get(0)).containsOnly(0.75);
        assertThat(k.detected(0)).isTrue();
        assertThat(k.detected(1)).isFalse();
    }

    @Test
    void namesWhatIsWrong() throws IOException {
        String twenty = "[" + String.join(",", Collections.nCopies(20, "[1,2]")) + "]";
        String conf = "[" + String.join(",", Collections.nCopies(21, "[1]")) + "]";
        Path twentyJoints = write("[[" + twenty + "],[" + conf + "]]");
        assertThatThrownBy(() -> KeypointFile.read(twentyJoints)).isInstanceOf(BadInputException.class)
            .hasMessageContaining(twentyJoints.toString()).hasMessageContaining("keypoints entry 0 has 20 joints");
        String image = "[" + String.join(",", Collections.nCopies(21, "[1,2]")) + "]";
        Path uneven = write("[[" + image + "," + image + "],[" + conf + "]]");
        assertThatThrownBy(() -> KeypointFile.read(uneven)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("2 keypoint sets but 1 confidence sets");
        Path notJson = write("[[" + image);
        assertThatThrownBy(() -> KeypointFile.read(notJson)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("not readable as JSON");
        assertThatThrownBy(() -> KeypointFile.read(dir.resolve("missing.json"))).isInstanceOf(BadInputException.class)
            .hasMessageContaining("no such file");
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "kp", ".json");
        Files.writeString(file, text);
        return file;
    }
}
