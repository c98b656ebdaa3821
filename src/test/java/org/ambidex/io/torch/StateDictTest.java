package org.ambidex.io.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.junit.jupiter.api.Test;

class StateDictTest {

    private static final Path FILE = Path.of("snapshot.pth.tar");

    private static StateDict checkpoint() {
        Map<String, Object> net = new LinkedHashMap<>();
        net.put("module.a.weight", NdArray.ofFloats(new int[] {1}, 1f));
        net.put("module.b.bias", NdArray.ofFloats(new int[] {1}, 2f));
        net.put("plain", NdArray.ofFloats(new int[] {1}, 3f));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("epoch", 19L);
        root.put("net", net);
        root.put("scale", NdArray.ofDoubles(new int[0], 0.5));
        root.put("notes", List.of("x"));
        return StateDict.of(FILE, root);
    }

    @Test
    void splitsTensorsFromOtherEntriesInOrder() {
        StateDict s = checkpoint();
        assertThat(s.tensors().keySet()).containsExactly("scale");
        assertThat(s.others().keySet()).containsExactly("epoch", "net", "notes");
        assertThat(s.entries().keySet()).containsExactly("epoch", "net", "scale", "notes");
        assertThat(s.epoch()).contains(19L);
        assertThat(s.allTensors().keySet()).containsExactly("net.module.a.weight", "net.module.b.bias", "net.plain",
            "scale");
        assertThatThrownBy(() -> s.tensors().put("x", null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void selectsSubDictionariesAndStripsPrefixes() {
        StateDict s = checkpoint();
        StateDict net = s.select("net").stripPrefix("module.");
        assertThat(net.tensors().keySet()).containsExactly("a.weight", "b.bias", "plain");
        assertThat(net.path()).isEqualTo("net");
        assertThat(s.has("net")).isTrue();
        assertThat(s.find("network")).isEmpty();
        assertThatThrownBy(() -> s.select("network")).isInstanceOf(BadInputException.class)
            .hasMessage("snapshot.pth.tar: has no dictionary 'network' (entries: epoch, net, scale, notes)");
        assertThatThrownBy(() -> net.require("c")).hasMessageContaining("has no tensor 'net.c'");
    }

    @Test
    void weightsFindsTheUsualSubDictionary() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("epoch", 3L);
        root.put("network", Map.of("w", NdArray.ofFloats(new int[] {1}, 1f)));
        assertThat(StateDict.of(FILE, root).weights().path()).isEqualTo("network");
        assertThatThrownBy(() -> StateDict.of(FILE, Map.of("epoch", 1L)).weights())
            .hasMessageContaining("holds no tensors");
    }

    @Test
    void strippingThatMergesTwoNamesIsRefused() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("module.w", NdArray.ofFloats(new int[] {1}, 1f));
        root.put("w", NdArray.ofFloats(new int[] {1}, 2f));
        assertThatThrownBy(() -> StateDict.of(FILE, root).stripPrefix("module."))
            .hasMessageContaining("two entries named 'w'");
    }
}
