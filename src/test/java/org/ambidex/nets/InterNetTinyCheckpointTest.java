package org.ambidex.nets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.junit.jupiter.api.Test;

/**
 * A narrow InterNet (ResNet-18 structure with 4 stem channels, 8 depth bins) saved by PyTorch in the layout of the
 * published snapshots, against PyTorch's outputs on the same input.
 */
class InterNetTinyCheckpointTest {

    static final Path DIR = Path.of("src/test/resources/fixtures/nets/tiny-internet");
    static final InterNetConfig TINY = new InterNetConfig(18, 4, 21, 8, 8, 16, 64);

    @Test
    void outputsEqualPyTorch() {
        InterNetReference.check(DIR, TINY);
    }

    @Test
    void namesAndShapesFollowTheCheckpointExactly() {
        StateDict weights = InterNetModel.networkWeights(Checkpoints.read(DIR.resolve("snapshot.pth.tar")));
        InterNet net = new InterNet(TINY);
        Map<String, StateEntry> entries = net.stateEntries();
        // same names in the same (state_dict) order, nothing more, nothing less
        assertThat(entries.keySet()).containsExactlyElementsOf(weights.tensors().keySet());
        WeightImport.Report report = WeightImport.compare(net, weights, n -> false, n -> false);
        assertThat(report.matches()).isTrue();
        assertThat(report.matched()).isEqualTo(entries.size());
    }

    @Test
    void publishedLayoutHasTheDocumentedNamesAndSizes() {
        InterNet net = new InterNet(InterNetConfig.DEFAULT);
        Map<String, StateEntry> e = net.stateEntries();
        // SEED_SPEC B.6: 366 entries, 47,305,474 learnable parameters
        assertThat(e).hasSize(366);
        long learnable = e.values().stream().filter(StateEntry::trainable)
            .mapToLong(s -> java.util.Arrays.stream(s.shape()).asLongStream().reduce(1, (a, b) -> a * b)).sum();
        assertThat(learnable).isEqualTo(47_305_474L);
        assertThat(e.get("pose_net.joint_deconv_1.0.weight").shape()).containsExactly(2048, 256, 4, 4);
        assertThat(e.get("pose_net.joint_deconv_2.7.running_var").shape()).containsExactly(256);
        assertThat(e.get("pose_net.joint_conv_1.weight")).isNull();
        assertThat(e.get("pose_net.joint_conv_1.0.weight").shape()).containsExactly(1344, 256, 1, 1);
        assertThat(e.get("pose_net.hand_fc.2.weight").shape()).containsExactly(2, 512);
        assertThat(e.get("backbone_net.resnet.layer4.0.downsample.0.weight").shape()).containsExactly(2048, 1024, 1, 1);
        assertThat(e.get("backbone_net.resnet.layer3.5.bn3.num_batches_tracked").shape()).isEmpty();
    }

    @Test
    void aCheckpointOfAnotherShapeIsRefusedWithTheNamesAtFault() {
        StateDict weights = InterNetModel.networkWeights(Checkpoints.read(DIR.resolve("snapshot.pth.tar")));
        InterNet wide = new InterNet(new InterNetConfig(18, 8, 21, 8, 8, 16, 64));
        wide.initializeParameters(ai.djl.ndarray.NDManager.newBaseManager());
        assertThatThrownBy(() -> WeightImport.load(wide, weights, "InterNet (ResNet-18)", n -> false))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("snapshot.pth.tar")
            .hasMessageContaining("wrong shape (backbone_net.resnet.conv1.weight: (4,3,7,7) expected (8,3,7,7)");
    }
}
