package org.ambidex.io.pickle;

import java.io.EOFException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;

/**
 * The legacy container of {@code torch.save} (PyTorch 0.4 to 1.5, and later with
 * {@code _use_new_zipfile_serialization=False}): five pickles in a row (the magic number
 * {@code 0x1950a86a20f9469cfc6c}, the protocol version 1001, the system information with the byte order,
 * the object with storages as persistent ids, the list of storage keys), then each storage in the order of
 * that list as an int64 element count followed by its raw elements.
 */
public final class LegacyTorchContainer {

    /** The magic number pickled first. */
    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final long PROTOCOL_VERSION = 1001;

    private LegacyTorchContainer() {
    }

    /**
     * The object saved in the legacy container that {@code in} starts with, tensors resolved.
     *
     * @param file the file named in error messages (may be null for embedded data)
     */
    public static Object read(PickleSource in, Path file) {
        Object magic = new Unpickler(in, file, "magic number", null, false).load();
        if (!MAGIC.equals(magic instanceof Long l ? BigInteger.valueOf(l) : magic)) {
            throw new BadInputException(file, "starts with a pickle but not with PyTorch's magic number: not a"
                + " legacy PyTorch checkpoint");
        }
        Object version = new Unpickler(in, file, "protocol version", null, false).load();
        if (!Long.valueOf(PROTOCOL_VERSION).equals(version)) {
            throw new BadInputException(file, "legacy checkpoint protocol version " + version
                + " is unsupported (expected " + PROTOCOL_VERSION + ")");
        }
        Object sysInfo = new Unpickler(in, file, "system information", null, false).load();
        ByteOrder order = sysInfo instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))
            ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;

        Map<String, TorchStorage> roots = new LinkedHashMap<>();
        Map<String, TorchStorage> views = new LinkedHashMap<>();
        Map<String, TorchStorageId> viewIds = new LinkedHashMap<>();
        Unpickler objectReader = new Unpickler(in, file, "object pickle",
            pid -> storage(pid, roots, views, viewIds, file), false);
        Object object = objectReader.loadDeferred();

        Object keys = new Unpickler(in, file, "storage keys", null, false).load();
        if (!(keys instanceof List<?> keyList)) {
            throw new BadInputException(file, "the storage key list is missing");
        }
        for (Object k : keyList) {
            TorchStorage storage = roots.get(String.valueOf(k));
            if (storage == null) {
                throw new BadInputException(file, "lists storage " + k + ", which no tensor uses");
            }
            long count = readCount(in, order, file, storage.key());
            if (count != storage.elementCount()) {
                throw new BadInputException(file, "storage " + storage.key() + " holds " + count
                    + " elements, its tensors declare " + storage.elementCount());
            }
            long bytes = count * storage.dtype().itemSize();
            try {
                storage.setBytes(in.readBytes(bytes), order);
            } catch (EOFException e) {
                throw new BadInputException(file, "the file is truncated inside storage " + storage.key(), e);
            }
        }
        for (Map.Entry<String, TorchStorage> v : views.entrySet()) {
            TorchStorageId id = viewIds.get(v.getKey());
            TorchStorage root = roots.get(id.key());
            if (!root.isLoaded()) {
                throw new BadInputException(file, "the data of storage " + id.key() + " is missing");
            }
            byte[] all = root.bytes();
            int item = root.dtype().itemSize();
            if (id.viewOffset() + id.viewSize() > root.elementCount()) {
                throw new BadInputException(file, "storage view " + id.viewKey() + " reaches past storage "
                    + id.key());
            }
            v.getValue().setBytes(Arrays.copyOfRange(all, (int) (id.viewOffset() * item),
                (int) ((id.viewOffset() + id.viewSize()) * item)), ByteOrder.LITTLE_ENDIAN);
        }
        for (TorchStorage s : roots.values()) {
            if (!s.isLoaded()) {
                throw new BadInputException(file, "the data of storage " + s.key() + " is missing (truncated?)");
            }
        }
        long storageBytes = 0;
        for (TorchStorage s : roots.values()) {
            storageBytes += s.elementCount() * s.dtype().itemSize();
        }
        return objectReader.resolveDeferred(object, CopyBudget.forStorages(storageBytes));
    }

    private static TorchStorage storage(Object pid, Map<String, TorchStorage> roots, Map<String, TorchStorage> views,
                                        Map<String, TorchStorageId> viewIds, Path file) {
        TorchStorageId id = TorchStorageId.parseLegacy(pid, file);
        TorchStorage root = roots.computeIfAbsent(id.key(),
            k -> new TorchStorage(id.type(), k, id.location(), id.elementCount()));
        if (root.elementCount() != id.elementCount() || root.dtype() != id.type().dtype()) {
            throw new BadInputException(file, "storage " + id.key() + " is declared twice differently");
        }
        if (id.viewKey() == null) {
            return root;
        }
        viewIds.putIfAbsent(id.viewKey(), id);
        return views.computeIfAbsent(id.viewKey(),
            k -> new TorchStorage(id.type(), k, id.location(), id.viewSize()));
    }

    private static long readCount(PickleSource in, ByteOrder order, Path file, String key) {
        try {
            long count = ByteBuffer.wrap(in.readBytes(8)).order(order).getLong();
            if (count < 0) {
                throw new BadInputException(file, "storage " + key + " declares a negative size");
            }
            return count;
        } catch (EOFException e) {
            throw new BadInputException(file, "the file is truncated before storage " + key, e);
        }
    }
}
