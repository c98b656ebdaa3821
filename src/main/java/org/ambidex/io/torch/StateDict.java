package org.ambidex.io.torch;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;

/**
 * The content of a PyTorch checkpoint, or a dictionary inside it: its tensors by name and its other entries
 * (an epoch number, an optimizer state, nested dictionaries), both in the checkpoint's order. Immutable.
 *
 * <p>Training scripts save {@code {'epoch': 7, 'network': model.state_dict(), 'optimizer': ...}}: the
 * weights are then {@code select("network")}, with keys that often start with DataParallel's
 * {@code module.} ({@link #stripPrefix}). {@link #weights()} finds the usual sub-dictionary.
 */
public final class StateDict {

    /** Names of the sub-dictionary that holds the model weights, in the order {@link #weights()} tries them. */
    public static final List<String> WEIGHT_KEYS = List.of("state_dict", "network", "net", "model", "model_state_dict",
        "module");

    private final Path source;
    private final boolean inMemory;
    private final String path;
    private final Map<String, Object> entries;
    private final Map<String, NdArray> tensors;
    private final Map<String, Object> others;

    private StateDict(Path source, boolean inMemory, String path, Map<String, Object> entries) {
        this.source = source;
        this.inMemory = inMemory;
        this.path = path;
        this.entries = Collections.unmodifiableMap(entries);
        Map<String, NdArray> t = new LinkedHashMap<>();
        Map<String, Object> o = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            if (v instanceof NdArray a) {
                t.put(k, a);
            } else {
                o.put(k, v);
            }
        });
        this.tensors = Collections.unmodifiableMap(t);
        this.others = Collections.unmodifiableMap(o);
    }

    /**
     * A state dict over a dictionary read from a checkpoint: {@link NdArray} values become tensors, the rest
     * other entries. Keys are turned into strings.
     *
     * @param source the file, named in error messages
     */
    public static StateDict of(Path source, Map<?, ?> dictionary) {
        return of(source, false, "", dictionary);
    }

    /**
     * As {@link #of(Path, Map)} for a dictionary read from memory rather than a file: {@code name} (a resource
     * name, say) is named in error messages and {@link #file()} is empty.
     */
    public static StateDict inMemory(String name, Map<?, ?> dictionary) {
        return of(SourceNames.of(name), true, "", dictionary);
    }

    private static StateDict of(Path source, boolean inMemory, String path, Map<?, ?> dictionary) {
        Map<String, Object> entries = new LinkedHashMap<>();
        dictionary.forEach((k, v) -> {
            if (entries.put(String.valueOf(k), v) != null) {
                throw new BadInputException(source, "has two entries named '" + k + "' (keys of different types)");
            }
        });
        return new StateDict(source, inMemory, path, entries);
    }

    /** The tensors of this dictionary (not of nested ones), by name. */
    public Map<String, NdArray> tensors() {
        return tensors;
    }

    /** The entries that are not tensors (numbers, strings, nested dictionaries, lists), by name. */
    public Map<String, Object> others() {
        return others;
    }

    /**
     * What this was read from, as error messages name it: the file or, for a checkpoint read from memory, its name
     * as a path, which is then no file ({@link #file()} tells them apart).
     */
    public Path source() {
        return source;
    }

    /** The file this was read from; empty when it was read from memory. */
    public Optional<Path> file() {
        return inMemory ? Optional.empty() : Optional.of(source);
    }

    /** The name of what this was read from, for display: the file's path or the in-memory checkpoint's name. */
    public String sourceName() {
        return source.toString();
    }

    /** Where this dictionary sits in the checkpoint ({@code ""} for the top, {@code "network"} ...). */
    public String path() {
        return path;
    }

    public boolean isEmpty() {
        return tensors.isEmpty() && others.isEmpty();
    }

    /** The tensor called {@code name}, if any. */
    public Optional<NdArray> tensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** The tensor called {@code name}; a missing one is bad input naming the checkpoint. */
    public NdArray require(String name) {
        NdArray t = tensors.get(name);
        if (t == null) {
            throw new BadInputException(source, "has no tensor '" + qualified(name) + "'");
        }
        return t;
    }

    /** The non-tensor entry {@code name}, if any. */
    public Optional<Object> other(String name) {
        return Optional.ofNullable(others.get(name));
    }

    /** The {@code epoch} entry when it is an integer. */
    public Optional<Long> epoch() {
        return others.get("epoch") instanceof Long l ? Optional.of(l) : Optional.empty();
    }

    /** Whether a sub-dictionary {@code key} exists. */
    public boolean has(String key) {
        return others.get(key) instanceof Map<?, ?>;
    }

    /** The sub-dictionary {@code key} ({@code network}, {@code net}, {@code state_dict}), if present. */
    public Optional<StateDict> find(String key) {
        return others.get(key) instanceof Map<?, ?> m ? Optional.of(of(source, inMemory, qualified(key), m))
            : Optional.empty();
    }

    /** The sub-dictionary {@code key}; its absence is bad input listing the entries there are. */
    public StateDict select(String key) {
        return find(key).orElseThrow(() -> new BadInputException(source, "has no dictionary '" + qualified(key)
            + "' (entries: " + String.join(", ", keys()) + ")"));
    }

    /**
     * The model weights: this dictionary when it holds tensors, otherwise the first of {@link #WEIGHT_KEYS}
     * present (searched one level down as well).
     */
    public StateDict weights() {
        if (!tensors.isEmpty()) {
            return this;
        }
        for (String key : WEIGHT_KEYS) {
            Optional<StateDict> sub = find(key);
            if (sub.isPresent()) {
                return sub.get().weights();
            }
        }
        throw new BadInputException(source, "holds no tensors and none of the dictionaries " + WEIGHT_KEYS
            + " (entries: " + String.join(", ", keys()) + ")");
    }

    /**
     * The same dictionary with {@code prefix} removed from the names that start with it ({@code module.}
     * from DataParallel); other names are kept as they are.
     */
    public StateDict stripPrefix(String prefix) {
        Map<String, Object> renamed = new LinkedHashMap<>();
        entries.forEach((k, v) -> put(renamed, k.startsWith(prefix) ? k.substring(prefix.length()) : k, v));
        return new StateDict(source, inMemory, path, renamed);
    }

    private <V> void put(Map<String, V> target, String key, V value) {
        if (target.put(key, value) != null) {
            throw new BadInputException(source, "removing a prefix makes two entries named '" + qualified(key) + "'");
        }
    }

    /**
     * Every tensor reachable from here, through nested dictionaries and lists, by dotted path
     * ({@code network.module.conv1.weight}, {@code optimizer.state.0.exp_avg}), in checkpoint order.
     */
    public Map<String, NdArray> allTensors() {
        Map<String, NdArray> out = new LinkedHashMap<>();
        Deque<Object[]> work = new ArrayDeque<>();
        // Depth-first, in order: push children reversed.
        work.push(new Object[] {"", entries});
        while (!work.isEmpty()) {
            Object[] item = work.pop();
            String name = (String) item[0];
            Object value = item[1];
            if (value instanceof NdArray a) {
                out.put(name, a);
                continue;
            }
            List<Object[]> children = new java.util.ArrayList<>();
            if (value instanceof Map<?, ?> m) {
                m.forEach((k, v) -> children.add(new Object[] {join(name, String.valueOf(k)), v}));
            } else if (value instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    children.add(new Object[] {join(name, Integer.toString(i)), l.get(i)});
                }
            }
            for (int i = children.size() - 1; i >= 0; i--) {
                work.push(children.get(i));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Tensors and other entries together, in checkpoint order. */
    public Map<String, Object> entries() {
        return entries;
    }

    private List<String> keys() {
        List<String> k = List.copyOf(entries.keySet());
        return k.size() > 20 ? k.subList(0, 20) : k;
    }

    private String qualified(String key) {
        return join(path, key);
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    @Override
    public String toString() {
        return "StateDict(" + (path.isEmpty() ? source : path) + ": " + tensors.size() + " tensors, " + others.size()
            + " other entries)";
    }
}
