package org.ambidex.io.pickle;

import java.nio.file.Path;
import java.util.List;
import org.ambidex.core.BadInputException;

/**
 * A PyTorch storage's persistent id: {@code ('storage', type, key, location, numel)} in zip checkpoints;
 * {@code ('storage', type, root_key, location, numel, view_metadata)} in legacy ones, where
 * {@code view_metadata} is None or {@code (view_key, offset, view_size)}.
 */
public record TorchStorageId(TorchStorage.Type type, String key, String location, long elementCount, String viewKey,
                 long viewOffset, long viewSize) {

    public static TorchStorageId parseZip(Object pid, Path file) {
        List<?> t = tuple(pid, file);
        if (t.size() != 5) {
            throw bad(file, pid);
        }
        return new TorchStorageId(type(t.get(1), file), key(t.get(2), file), String.valueOf(t.get(3)),
            count(t.get(4), file), null, 0, 0);
    }

    public static TorchStorageId parseLegacy(Object pid, Path file) {
        List<?> t = tuple(pid, file);
        if (t.size() != 6) {
            throw bad(file, pid);
        }
        String viewKey = null;
        long offset = 0;
        long size = 0;
        if (t.get(5) instanceof List<?> view && view.size() == 3) {
            viewKey = key(view.get(0), file);
            offset = count(view.get(1), file);
            size = count(view.get(2), file);
        } else if (t.get(5) != null) {
            throw bad(file, pid);
        }
        return new TorchStorageId(type(t.get(1), file), key(t.get(2), file), String.valueOf(t.get(3)),
            count(t.get(4), file), viewKey, offset, size);
    }

    private static List<?> tuple(Object pid, Path file) {
        if (!(pid instanceof List<?> t) || t.isEmpty()) {
            throw bad(file, pid);
        }
        if (!"storage".equals(t.get(0))) {
            throw new BadInputException(file, "the checkpoint refers to a persistent '" + t.get(0) + "' object (a"
                + " pickled module or code), which ambidex does not load: save the state_dict instead");
        }
        return t;
    }

    private static TorchStorage.Type type(Object value, Path file) {
        if (value instanceof TorchStorage.Type t) {
            return t;
        }
        throw new BadInputException(file, "a storage's type is " + value + ", expected a torch storage class");
    }

    private static String key(Object value, Path file) {
        if (value instanceof String s && !s.isEmpty() && s.length() < 256 && !s.contains("/") && !s.contains("..")) {
            return s;
        }
        if (value instanceof Long l) {
            return Long.toString(l);
        }
        throw new BadInputException(file, "a storage key is " + value + ", expected a short name");
    }

    private static long count(Object value, Path file) {
        if (value instanceof Long l && l >= 0) {
            return l;
        }
        throw new BadInputException(file, "a storage size is " + value + ", expected a non-negative integer");
    }

    private static BadInputException bad(Path file, Object pid) {
        String text = String.valueOf(pid);
        return new BadInputException(file, "a storage's persistent id " + (text.length() > 80 ? text.substring(0, 80)
            + "..." : text) + " is not understood");
    }
}
