package org.ambidex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.io.torch.TorchCheckpointWriter;
import org.ambidex.nets.twohand.TwoHandConfig;
import org.ambidex.nets.twohand.TwoHandModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped default read from the jar's bytes is the model its file copy holds, and a model read once serves
 * both the hand model lookup and the network.
 */
class TwoHandModelFilesTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultReadFromTheJarEqualsItsFileCopy() throws IOException {
        Path copy = dir.resolve("default.pt");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(TwoHandModelFiles.DEFAULT_RESOURCE)) {
            Files.copy(in, copy);
        }
        StateDict fromJar = TwoHandModelFiles.readDefault();
        StateDict fromFile = TwoHandModelFiles.read(copy);

        Map<String, NdArray> expected = fromFile.allTensors();
        Map<String, NdArray> actual = fromJar.allTensors();
        assertThat(actual).hasSizeGreaterThan(100);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, tensor) -> {
            assertThat(actual.get(name).shape()).as(name).isEqualTo(tensor.shape());
            assertThat(actual.get(name)).as(name).isEqualTo(tensor);
        });
        assertThat(fromJar.others()).isEqualTo(fromFile.others());
        assertThat(fromJar.file()).isEmpty();
        assertThat(fromJar.sourceName()).isEqualTo(TwoHandModelFiles.DEFAULT_NAME);
    }

    @Test
    void aModelReadOnceGivesItsHandModelAndItsNetwork() {
        StateDict model = TwoHandModelFiles.readDefault();
        assertThat(TwoHandModelFiles.handModel(model)).isEqualTo("open");
        HandModel right = HandModelLoader.resolve("open", HandSide.RIGHT, true);
        HandModel left = HandModelLoader.resolve("open", HandSide.LEFT, true);
        try (TwoHandModel net = TwoHandModel.fromCheckpoint(model, right, left)) {
            assertThat(net.config()).isEqualTo(TwoHandConfig.DEFAULT);
        }
    }

    @Test
    void aCheckpointOfAnotherKindIsRefusedOnceReadNamingIt() {
        Path other = dir.resolve("other.pt");
        TorchCheckpointWriter.write(other, Map.of("w", NdArray.ofFloats(new int[] {1}, 1f)), Map.of());
        String expected = other + ": is not an ambidex two-hand model (format missing, expected "
            + TwoHandModel.FORMAT + ")";
        assertThatThrownBy(() -> TwoHandModelFiles.read(other)).isInstanceOf(BadInputException.class)
            .hasMessage(expected);
        StateDict read = Checkpoints.read(other);
        assertThatThrownBy(() -> TwoHandModelFiles.handModel(read)).hasMessage(expected);
        assertThatThrownBy(() -> TwoHandModel.fromCheckpoint(read, null, null)).hasMessage(expected);
    }
}
