package org.ambidex.pipeline;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model as the command line names it: {@code ARCH:PATH} (weights in a file, e.g.
 * {@code internet:snapshot_20.pth.tar}) or {@code ARCH} alone (the weights built into ambidex).
 *
 * @param architecture the architecture
 * @param path its weights, or {@code null} for the built-in ones
 */
public record ModelSpec(Architecture architecture, Path path) {

    /** Shown in place of a path for built-in weights. */
    public static final String BUILT_IN = "(built-in default)";

    public ModelSpec {
        Objects.requireNonNull(architecture, "architecture");
    }

    /** The model used when none is named: the default architecture's built-in weights. */
    public static ModelSpec defaultModel() {
        return new ModelSpec(Architectures.defaultArchitecture(), null);
    }

    /** Whether the weights are built into ambidex. */
    public boolean builtIn() {
        return path == null;
    }

    /**
     * Parses {@code ARCH:PATH} or {@code ARCH}.
     *
     * @throws IllegalArgumentException with a one-line explanation when the text names no architecture, or names
     *     one without built-in weights and no file
     */
    public static ModelSpec parse(String text) {
        int colon = text.indexOf(':');
        String name = colon >= 0 ? text.substring(0, colon) : text;
        Architecture arch = name.isBlank() ? null : Architectures.named(name).orElse(null);
        if (arch == null) {
            throw new IllegalArgumentException("model '" + text + "' names no architecture; expected ARCH:PATH or "
                + "ARCH with ARCH one of " + Architectures.names());
        }
        if (colon < 0 || colon == text.length() - 1) {
            if (!arch.hasBuiltInModel()) {
                throw new IllegalArgumentException("model '" + text + "': " + arch.name() + " has no built-in "
                    + "weights; give " + arch.name() + ":PATH with PATH " + arch.modelFiles());
            }
            return new ModelSpec(arch, null);
        }
        return new ModelSpec(arch, Path.of(text.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return architecture.name() + ":" + (path == null ? BUILT_IN : path.toString());
    }
}
