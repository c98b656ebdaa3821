package org.ambidex.nets.dir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.TorchCheckpointWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading DIR checkpoints: what is refused, what is reported, and the round trip of ambidex's own export. */
class DirWeightsTest {

    @TempDir
    Path tmp;

    @Test
    void aCheckpointOfOtherWidthsIsRefusedNamingTheTensors() throws IOException {
        DirReference.generate(tmp, DirTinyComparisonTest.TINY, 5);
        assertThatThrownBy(() -> DirModel.load(tmp.resolve("DIR.pth")))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("DIR.pth")
            .hasMessageContaining("is not a checkpoint of DIR")
            .hasMessageContaining("wrong shape (backbone.conv1.weight: (8,3,7,7) expected (64,3,7,7)");
    }

    @Test
    void exportedWeightsLoadBackWithLearnedWeightsRequired() {
        try (DirModel fresh = DirModel.untrained(DirTinyComparisonTest.TINY)) {
            Map<String, NdArray> sd = fresh.stateDict();
            assertThat(sd.get("init_regressor.mano_layer_left.th_faces").dtype().isFloating()).isFalse();
            assertThat(sd).containsKey("decoder.projecter_3.interaction.STEblocks.0.attn.qkv.weight")
                .containsKey("decoder.projecter_4.gcn_left.gconv_layers.3.gconv.e_1")
                .containsKey("decoder.projecter_4.img_gird");
            assertThat(sd.get("decoder.projecter_4.gcn_left.gconv_layers.3.gconv.e_1").shape()).containsExactly(1, 40);
            Map<String, Object> root = new LinkedHashMap<>();
            Map<String, Object> net = new LinkedHashMap<>(sd);
            net.remove("decoder.projecter_4.img_gird");
            net.put("seg_loss.weight", NdArray.ofFloats(new int[] {3}, 0.1f, 0.45f, 0.45f));
            root.put("net", net);
            Path file = tmp.resolve("export.pth");
            TorchCheckpointWriter.write(file, Map.of(), root);
            try (DirModel back = DirModel.load(file, DirTinyComparisonTest.TINY)) {
                assertThat(back.loadReport().unused()).containsExactly("seg_loss.weight");
                assertThat(back.loadReport().absent()).containsExactly("decoder.projecter_4.img_gird");
                assertThat(back.loadReport().describe()).contains("1 unused (seg_loss.weight)");
            }
            net.remove("decoder.projecter_3.regressor.mano_left.weight");
            TorchCheckpointWriter.write(file, Map.of(), root);
            assertThatThrownBy(() -> DirModel.load(file, DirTinyComparisonTest.TINY))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("1 missing (decoder.projecter_3.regressor.mano_left.weight)");
        }
    }
}
