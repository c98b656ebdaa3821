package org.ambidex.nets.twohand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ambidex.core.BadInputException;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.ambidex.io.torch.TorchCheckpointWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoHandModelTest {

    static final TwoHandConfig SMALL = new TwoHandConfig(18, 8, 64, 2, 4, 32, TwoHandConfig.IMAGENET_MEAN,
        TwoHandConfig.IMAGENET_STD);
    static final HandModel RIGHT = TinyHandModels.of(HandSide.RIGHT, 11);
    static final HandModel LEFT = TinyHandModels.of(HandSide.LEFT, 12);

    static float[] randomInput(int batch, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[batch * 3 * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void freshNetworkPredictsNearTheMeanHandWithFiniteOutputs() {
        try (TwoHandModel model = TwoHandModel.initialised(SMALL, RIGHT, LEFT, 5)) {
            List<TwoHandPrediction> p = model.predict(randomInput(2, 64, 1), 2);
            assertThat(p).hasSize(2);
            for (TwoHandPrediction one : p) {
                for (int h = 0; h < 2; h++) {
                    assertThat(one.joints()[h]).hasSize(63);
                    assertThat(one.vertices()[h]).hasSize(RIGHT.vertexCount() * 3);
                    assertThat(one.presence()[h]).isBetween(0.0, 1.0);
                    // scaled output layers: the camera stays near the prior and the root near the centre
                    assertThat(one.scale()[h]).isCloseTo(HandVector.SCALE_PRIOR, within(0.5));
                    assertThat(one.rootUv()[h][0]).isCloseTo(32.0, within(4.0));
                    for (double v : one.uv()[h]) {
                        assertThat(v).isFinite();
                    }
                }
            }
        }
    }

    @Test
    void sameSeedSameWeightsAndModelFileRoundTrips(@TempDir Path dir) {
        Path file = dir.resolve("m.pt");
        float[] x = randomInput(1, 64, 2);
        try (TwoHandModel a = TwoHandModel.initialised(SMALL, RIGHT, LEFT, 9);
             TwoHandModel b = TwoHandModel.initialised(SMALL, RIGHT, LEFT, 9)) {
            TwoHandPrediction pa = a.predict(x, 1).get(0);
            assertThat(b.predict(x, 1).get(0).joints()[0]).containsExactly(pa.joints()[0]);
            a.save(file, Map.of("note", "test"));
            try (TwoHandModel c = TwoHandModel.load(file, RIGHT, LEFT)) {
                assertThat(c.config()).isEqualTo(SMALL);
                assertThat(c.provenance()).containsEntry("note", "test");
                TwoHandPrediction pc = c.predict(x, 1).get(0);
                assertThat(pc.joints()[1]).containsExactly(pa.joints()[1]);
                assertThat(pc.offset()).containsExactly(pa.offset());
            }
        }
    }

    @Test
    void otherFilesAreRefusedWithOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("other.pt");
        TorchCheckpointWriter.write(file, Map.of(), Map.of("format", "something"));
        assertThatThrownBy(() -> TwoHandModel.load(file, RIGHT, LEFT)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("not an ambidex two-hand model");
        Path wrong = dir.resolve("wrong.pt");
        try (TwoHandModel a = TwoHandModel.initialised(SMALL, RIGHT, LEFT, 9)) {
            Map<String, Object> entries = new java.util.LinkedHashMap<>(a.checkpointEntries(Map.of()));
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = new java.util.LinkedHashMap<>((Map<String, Object>) entries.get("meta"));
            meta.put("resnet_base", 16L);
            entries.put("meta", meta);
            TorchCheckpointWriter.writeObject(wrong, entries);
        }
        assertThat(Files.size(wrong)).isPositive();
        assertThatThrownBy(() -> TwoHandModel.load(wrong, RIGHT, LEFT)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("wrong shape");
    }
}
