package org.ambidex.pipeline;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A model named on the command line as {@code ARCH:PATH}, e.g. {@code internet:snapshot_20.pth.tar}.
 *
 * @param arch the architecture
 * @param path its weights
 */
public record ModelSpec(Arch arch, Path path) {

    /** The architectures ambidex can run. */
    public enum Arch {
        /** InterNet (InterHand2.6M baseline): 2.5D joints of both hands, from the published PyTorch snapshots. */
        INTERNET("internet"),
        /** The two-hand mesh network (nets.twohand): meshes and parameters of both hands. */
        TWOHAND("twohand");

        private final String cliName;

        Arch(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        /** The architecture called {@code name}, or {@code null}. */
        public static Arch of(String name) {
            for (Arch a : values()) {
                if (a.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            return null;
        }
    }

    /**
     * Parses {@code ARCH:PATH}.
     *
     * @throws IllegalArgumentException with a one-line explanation when the text is not of that form
     */
    public static ModelSpec parse(String text) {
        int colon = text.indexOf(':');
        Arch arch = colon > 0 ? Arch.of(text.substring(0, colon)) : null;
        if (arch == null || colon == text.length() - 1) {
            StringBuilder known = new StringBuilder();
            for (Arch a : Arch.values()) {
                known.append(known.length() > 0 ? ", " : "").append(a.cliName()).append(":PATH");
            }
            throw new IllegalArgumentException("model '" + text + "' is not one of " + known);
        }
        return new ModelSpec(arch, Path.of(text.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return arch.cliName() + ":" + path;
    }
}
