package org.ambidex.pipeline;

import java.util.List;
import org.ambidex.nets.zhang.ZhangVariant;
import java.util.Locale;
import java.util.Optional;

/** The registry of architectures: the one place that lists what {@code --model} and {@code --arch} accept. */
public final class Architectures {

    private static final List<Architecture> ALL = List.of(MediaPipeArchitecture.full(),
        MediaPipeArchitecture.lite(), new TwoHandArchitecture(), new InterNetArchitecture(),
        new ZhangArchitecture(ZhangVariant.V2), new ZhangArchitecture(ZhangVariant.V1), new IntagHandArchitecture(),
        new DirArchitecture(), new S2HandArchitecture());

    private Architectures() {
    }

    /** Every architecture, the default first. */
    public static List<Architecture> all() {
        return ALL;
    }

    /** The architecture of the model used when none is named (its built-in weights). */
    public static Architecture defaultArchitecture() {
        return ALL.get(0);
    }

    /** The architecture called {@code name} (case-insensitive). */
    public static Optional<Architecture> named(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(a -> a.name().equals(key)).findFirst();
    }

    /** The names, comma-separated, for messages. */
    public static String names() {
        return String.join(", ", ALL.stream().map(Architecture::name).toList());
    }

    /** The architectures that ambidex can train. */
    public static List<Architecture> trainable() {
        return ALL.stream().filter(a -> a.trainer().isPresent()).toList();
    }
}
