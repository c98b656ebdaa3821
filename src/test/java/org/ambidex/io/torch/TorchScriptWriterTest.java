package org.ambidex.io.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.ambidex.io.NdArray;
import org.junit.jupiter.api.Test;

/**
 * The archive's layout and pickles, byte for byte where PyTorch's loader is strict (libtorch loading these archives
 * and computing with them is checked in {@code nets.tflite.ScriptGraphTest}).
 */
class TorchScriptWriterTest {

    private static final String CLASS = "__torch__.ambidex.test.Graph";

    @Test
    void writesTheSourceConstantsModuleAndVersionUnderOneFolder() throws IOException {
        NdArray tensor = NdArray.ofFloats(new int[] {2}, 1.5f, -2f);
        ScriptObject context = new ScriptObject("__torch__.torch.classes.xnnpack.Conv2dOpContext",
            Arrays.asList(tensor, null, new long[] {1, 2}, 3L, 0.0));
        Map<String, byte[]> entries = entries(TorchScriptWriter.archive(CLASS, "class Graph(Module):\n", List.of(tensor,
            context)));
        assertThat(entries.keySet()).containsExactly("module/data.pkl", "module/code/__torch__/ambidex/test.py",
            "module/constants.pkl", "module/constants/0", "module/constants/1", "module/version");
        assertThat(new String(entries.get("module/code/__torch__/ambidex/test.py"), StandardCharsets.UTF_8))
            .isEqualTo("class Graph(Module):\n");
        assertThat(new String(entries.get("module/version"), StandardCharsets.US_ASCII)).isEqualTo("10\n");
        assertThat(entries.get("module/constants/0")).containsExactly(tensor.bytes());

        // PROTO 2, GLOBAL '__torch__.ambidex.test Graph', EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, MARK, 'training', False,
        // SETITEMS, BUILD, STOP.
        byte[] module = entries.get("module/data.pkl");
        String expected = "\u0080\u0002c__torch__.ambidex.test\nGraph\n)\u0081}(X\u0008\u0000\u0000\u0000training"
            + "\u0089ub.";
        assertThat(new String(module, StandardCharsets.ISO_8859_1)).isEqualTo(expected);

        String constants = new String(entries.get("module/constants.pkl"), StandardCharsets.ISO_8859_1);
        assertThat(constants).startsWith("\u0080\u0002(ctorch._utils\n_rebuild_tensor_v2\n")
            .contains("c__torch__.torch.classes.xnnpack\nConv2dOpContext\n)\u0081(")
            .contains("ctorch.jit._pickle\nbuild_intlist\n(](K\u0001K\u0002etR")
            .endsWith("tbt.");
    }

    @Test
    void refusesAClassOutsideAModule() {
        assertThatThrownBy(() -> TorchScriptWriter.archive("__torch__.Graph", "", List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("__torch__.<module>.<Class>");
        assertThatThrownBy(() -> TorchScriptWriter.archive("ambidex.Graph", "", List.of()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED);
                names.add(e.getName());
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
