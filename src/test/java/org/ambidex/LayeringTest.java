package org.ambidex;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/DESIGN.md, enforced on the compiled main classes: each layer depends only on the
 * layers its row names (and what those may use, and {@code core}). {@link #TABLE} is that table; change both
 * together.
 */
class LayeringTest {

    /** Layer, then the layers it may use directly, in the order of docs/DESIGN.md's table. */
    static final Map<String, List<String>> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("core", List.of());
        TABLE.put("io", List.of());
        TABLE.put("geom", List.of());
        TABLE.put("tensor", List.of());
        TABLE.put("io.pickle", List.of("io"));
        TABLE.put("io.numpy", List.of("io.pickle"));
        TABLE.put("io.torch", List.of("io.pickle"));
        TABLE.put("io.tflite", List.of("io"));
        TABLE.put("io.mesh", List.of("geom"));
        TABLE.put("io.image", List.of("geom"));
        TABLE.put("hand", List.of("geom", "io.numpy", "io.pickle", "tensor"));
        TABLE.put("data", List.of("hand", "io.image"));
        TABLE.put("fit", List.of("hand", "geom"));
        TABLE.put("render", List.of("io.mesh", "io.image"));
        TABLE.put("render.soft", List.of("tensor"));
        TABLE.put("synth", List.of("hand", "render", "data"));
        TABLE.put("nets", List.of("hand", "io.torch"));
        TABLE.put("nets.tflite", List.of("io.tflite", "io.torch", "tensor"));
        TABLE.put("nets.mediapipe", List.of("nets.tflite"));
        TABLE.put("train", List.of("nets", "data", "render", "render.soft"));
        TABLE.put("eval", List.of("hand", "data"));
        TABLE.put("detect", List.of("geom", "data"));
        TABLE.put("pipeline", List.of("nets", "nets.mediapipe", "train", "eval", "render", "data", "hand", "fit",
            "detect"));
        TABLE.put("cli", List.copyOf(TABLE.keySet()));
    }

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ambidex");
    }

    /** The layer of a package: its longest prefix in the table ({@code data.interhand} is in {@code data}). */
    static String layer(String packageName) {
        String rest = packageName.startsWith("org.ambidex.") ? packageName.substring("org.ambidex.".length()) : "";
        return TABLE.keySet().stream().filter(l -> rest.equals(l) || rest.startsWith(l + "."))
            .max(Comparator.comparingInt(String::length)).orElse(null);
    }

    /** The layers {@code layer} may use: its row, what those may use, and {@code core}. */
    static Set<String> allowed(String layer) {
        Set<String> out = new LinkedHashSet<>();
        out.add("core");
        out.add(layer);
        List<String> todo = new ArrayList<>(TABLE.get(layer));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (out.add(next)) {
                todo.addAll(TABLE.get(next));
            }
        }
        return out;
    }

    @Test
    void everyPackageBelongsToALayerOfTheTable() {
        Set<String> unplaced = new TreeSet<>();
        for (JavaClass c : classes) {
            if (layer(c.getPackageName()) == null && !c.getPackageName().equals("org.ambidex")) {
                unplaced.add(c.getPackageName());
            }
        }
        assertThat(unplaced).as("packages outside docs/DESIGN.md's table").isEmpty();
    }

    @Test
    void everyDependencyFollowsTheTable() {
        Set<String> violations = new TreeSet<>();
        for (JavaClass c : classes) {
            String from = layer(c.getPackageName());
            if (from == null) {
                continue;
            }
            Set<String> ok = allowed(from);
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = layer(d.getTargetClass().getPackageName());
                if (to != null && !ok.contains(to)) {
                    violations.add(from + " -> " + to + ": " + d.getDescription());
                }
            }
        }
        assertThat(violations).as("dependencies against docs/DESIGN.md's table").isEmpty();
    }

    @Test
    void theTableCatchesADependencyAgainstIt() {
        // The check itself: a lower layer reaching up is flagged, the other way round is not.
        assertThat(allowed("hand")).doesNotContain("nets", "pipeline", "cli");
        assertThat(allowed("pipeline")).contains("nets", "eval", "hand", "geom", "io.torch");
        assertThat(allowed("geom")).containsExactlyInAnyOrder("core", "geom");
        assertThat(layer("org.ambidex.data.interhand")).isEqualTo("data");
        assertThat(layer("org.ambidex.io.torch")).isEqualTo("io.torch");
        assertThat(layer("org.ambidex.io")).isEqualTo("io");
    }

    @Test
    void packagesFormNoCycles() {
        // hand.open builds on hand, so hand must not reach back into it; likewise for every pair of packages.
        SliceRule rule = SlicesRuleDefinition.slices().matching("org.ambidex.(**)").should().beFreeOfCycles();
        rule.check(classes);
    }
}
