package org.ambidex.io.torch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every tensor of the fixtures written by torch.save (PyTorch 1.13, saved from cuda:0, DataParallel prefix)
 * reads bit-exactly as expected.json, made by PyTorch itself, says.
 */
class CheckpointFixturesTest {

    static Path fixture(String name) {
        try {
            return Path.of(CheckpointFixturesTest.class.getResource("/fixtures/torch-checkpoints/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(fixture("expected.json").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip_format.pth", "legacy_format.pth.tar", "bare_state_dict.pt"})
    void everyTensorIsBitExact(String name) throws IOException {
        JsonNode expected = expected();
        StateDict checkpoint = Checkpoints.read(fixture(name));
        StateDict network = name.startsWith("bare") ? checkpoint : checkpoint.select("network");
        if (!name.startsWith("bare")) {
            assertThat(checkpoint.epoch()).contains(expected.get("epoch").asLong());
            assertThat(checkpoint.weights().tensors()).isEqualTo(network.tensors());
        }
        JsonNode tensors = expected.get("network");
        List<String> names = new ArrayList<>();
        tensors.fieldNames().forEachRemaining(names::add);
        assertThat(network.tensors().keySet()).containsExactlyElementsOf(names);

        for (String key : names) {
            JsonNode spec = tensors.get(key);
            NdArray actual = network.require(key);
            assertThat(actual.dtype().displayName()).as(key).isEqualTo(spec.get("dtype").asText());
            int[] shape = new int[spec.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = spec.get("shape").get(i).asInt();
            }
            assertThat(actual.shape()).as(key).isEqualTo(shape);
            List<JsonNode> values = flatten(spec.get("values"));
            assertThat(actual.size()).as(key).isEqualTo(values.size());
            for (int i = 0; i < values.size(); i++) {
                JsonNode v = values.get(i);
                if (actual.dtype() == DType.BOOL) {
                    assertThat(actual.getDouble(i) != 0).as(key + "[" + i + "]").isEqualTo(v.asBoolean());
                } else if (actual.dtype().isFloating()) {
                    // Bit-exact: a float32/float16 value widens to exactly the double Python printed.
                    assertThat(Double.doubleToLongBits(actual.getDouble(i))).as(key + "[" + i + "]")
                        .isEqualTo(Double.doubleToLongBits(v.asDouble()));
                } else {
                    assertThat(actual.getLong(i)).as(key + "[" + i + "]").isEqualTo(v.asLong());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip_format.pth", "legacy_format.pth.tar"})
    void optimizerStateIsKeptAsPlainValues(String name) throws IOException {
        StateDict checkpoint = Checkpoints.read(fixture(name));
        Map<?, ?> optimizer = (Map<?, ?>) checkpoint.others().get("optimizer");
        Map<?, ?> state = (Map<?, ?>) ((Map<?, ?>) optimizer.get("state")).get(0L);
        assertThat(state.get("step")).isEqualTo(10L);
        NdArray expAvg = (NdArray) state.get("exp_avg");
        JsonNode shape = expected().get("optimizer_exp_avg_shape");
        assertThat(expAvg.shape()).containsExactly(shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt(),
            shape.get(3).asInt());
        List<?> groups = (List<?>) optimizer.get("param_groups");
        assertThat(((Map<?, ?>) groups.get(0)).get("lr")).isEqualTo(1e-4);
        assertThat(((Map<?, ?>) groups.get(0)).get("betas")).isEqualTo(List.of(0.9, 0.999));
        assertThat(checkpoint.allTensors()).containsKeys("network.module.head.fc.bias", "optimizer.state.0.exp_avg");
    }

    @Test
    void prefixIsStrippedAndContainersAreDetected() {
        StateDict weights = Checkpoints.read(fixture("zip_format.pth")).weights().stripPrefix("module.");
        assertThat(weights.tensors()).containsKey("backbone.conv1.weight").doesNotContainKey("module.backbone.conv1.weight");
        assertThat(Checkpoints.container(fixture("zip_format.pth"))).isEqualTo(Checkpoints.Container.ZIP);
        assertThat(Checkpoints.container(fixture("legacy_format.pth.tar"))).isEqualTo(Checkpoints.Container.LEGACY);
        assertThat(weights.require("head.slice_b").toDoubleArray()).hasSize(10);
    }

    private static List<JsonNode> flatten(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                out.addAll(flatten(it.next()));
            }
        } else {
            out.add(node);
        }
        return out;
    }
}
