package org.ambidex.nets.zhang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.WeightImport;
import org.junit.jupiter.api.Test;

/** Strict loading: a checkpoint that does not fit is refused in one message naming every kind of misfit. */
class ZhangLoadingTest {

    @Test
    void theStateDictHasTheSnapshotsNames() {
        try (ZhangModel model = ZhangModel.blank(ZhangVariant.V2, "test")) {
            Map<String, NdArray> state = WeightImport.export(model.network());
            assertThat(state).containsKeys("heatmap_predictor.backbone_net.resnet.conv1.weight",
                "heatmap_predictor.pose_net.joint_conv_1.0.weight", "mesh_reg.base_net.bn1.running_var",
                "mesh_reg.base_net.layer3.0.downsample.1.weight", "mesh_reg.mano_layer.r.posedirs",
                "mesh_reg.mano_layer.l.vertex_joint_selector.extra_joints_idxs", "mesh_reg.mano_layer.l.body_pose",
                "mesh_reg.trans_branch.final_layer.weight", "mesh_reg.trans_branch.decoder.0.bias",
                "mesh_reg.cascaded_left_mano_branch_list.2.shape_reg.0.weight",
                "mesh_reg.cascaded_right_feature_extractor_list.0.downsample.weight");
            assertThat(state).doesNotContainKeys("mesh_reg.base_net.layer1.0.bn1.weight",
                "mesh_reg.cascaded_right_feature_extractor_list.0.downsample.0.weight");
            assertThat(state.get("mesh_reg.base_net.layer3.0.conv1.weight").shape()).containsExactly(256, 1184, 1, 1);
            assertThat(state.get("mesh_reg.cascaded_left_mano_branch_list.0.base_layer.0.weight").shape())
                .containsExactly(512, 2168);
            assertThat(state.get("mesh_reg.mano_layer.r.faces_tensor").shape()).containsExactly(1538, 3);
        }
    }

    @Test
    void aCheckpointThatDoesNotFitIsRefusedListingEveryMisfit() {
        Map<String, NdArray> state;
        try (ZhangModel model = ZhangModel.blank(ZhangVariant.V2, "test")) {
            state = new LinkedHashMap<>(WeightImport.export(model.network()));
        }
        state.remove("mesh_reg.trans_branch.final_layer.bias");
        state.put("mesh_reg.extra.weight", NdArray.ofFloats(new int[] {1}, 0f));
        state.put("mesh_reg.left_mano_branch.pose_reg.weight", NdArray.ofFloats(new int[] {45, 512}, new float[45 * 512]));
        StateDict weights = StateDict.inMemory("other.pth.tar", state);
        assertThatThrownBy(() -> ZhangModel.fromWeights(weights, "other.pth.tar"))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("other.pth.tar")
            .hasMessageContaining("1 missing (mesh_reg.trans_branch.final_layer.bias)")
            .hasMessageContaining("1 unexpected (mesh_reg.extra.weight)")
            .hasMessageContaining("1 wrong shape (mesh_reg.left_mano_branch.pose_reg.weight: (45,512) expected (48,512))");
    }

    @Test
    void v1IgnoresTensorsItDoesNotHaveAndRefusesAFileThatLacksSome() {
        Map<String, NdArray> state;
        try (ZhangModel model = ZhangModel.blank(ZhangVariant.V1, "test")) {
            state = new LinkedHashMap<>(WeightImport.export(model.network()));
        }
        assertThat(state).containsKeys("mesh_reg.mano_layer.l.th_posedirs", "mesh_reg.mano_layer.r.th_faces",
            "mesh_reg.base_net.fc.weight", "mesh_reg.base_net.layer1.0.downsample.weight");
        assertThat(state).doesNotContainKeys("mesh_reg.base_net.bn1.weight", "mesh_reg.mano_layer.r.shapedirs");
        state.put("something.else", NdArray.ofFloats(new int[] {1}, 0f)); // v1's test.py skips what it does not know
        try (ZhangModel model = ZhangModel.fromV1Weights(StateDict.inMemory("model.pts", state), "model.pts")) {
            assertThat(model.variant()).isEqualTo(ZhangVariant.V1);
        }
        state.remove("mesh_reg.right_mano_branch.pose_reg.bias");
        StateDict lacking = StateDict.inMemory("model.pts", state);
        assertThatThrownBy(() -> ZhangModel.fromV1Weights(lacking, "model.pts"))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("is not a checkpoint of " + ZhangModel.DESCRIPTION_V1)
            .hasMessageContaining("1 missing (mesh_reg.right_mano_branch.pose_reg.bias)")
            .hasMessageNotContaining("something.else");
    }

    @Test
    void aKinematicTreeOutOfOrderIsRefused() {
        Map<String, NdArray> state;
        try (ZhangModel model = ZhangModel.blank(ZhangVariant.V2, "test")) {
            state = new LinkedHashMap<>(WeightImport.export(model.network()));
        }
        long[] tree = {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14};
        state.put("mesh_reg.mano_layer.r.parents", NdArray.ofLongs(new int[] {16}, tree));
        long[] bad = tree.clone();
        bad[5] = 9;
        state.put("mesh_reg.mano_layer.l.parents", NdArray.ofLongs(new int[] {16}, bad));
        StateDict weights = StateDict.inMemory("tree.pth.tar", state);
        assertThatThrownBy(() -> ZhangModel.fromWeights(weights, "tree.pth.tar"))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("mesh_reg.mano_layer.l.parents: parents[5] is 9, expected 0 to 4");
    }

    @Test
    void anInterNetSnapshotIsRefused() {
        Path internet = Path.of("src/test/resources/fixtures/nets/tiny-internet/snapshot.pth.tar");
        assertThatThrownBy(() -> ZhangModel.fromCheckpoint(internet))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("snapshot.pth.tar")
            .hasMessageContaining("is not a checkpoint of " + ZhangModel.DESCRIPTION)
            .hasMessageContaining("missing (mesh_reg.base_net.conv1.weight")
            .hasMessageContaining("unexpected (backbone_net.resnet.conv1.weight");
    }
}
