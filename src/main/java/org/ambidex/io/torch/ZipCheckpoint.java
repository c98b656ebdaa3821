package org.ambidex.io.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.ambidex.core.BadInputException;
import org.ambidex.io.pickle.CopyBudget;
import org.ambidex.io.pickle.PickleSource;
import org.ambidex.io.pickle.TorchStorage;
import org.ambidex.io.pickle.TorchStorageId;
import org.ambidex.io.pickle.Unpickler;

/**
 * The zip container: {@code <folder>/data.pkl} (the pickled object, storages as persistent ids
 * {@code ('storage', type, key, location, numel)}), {@code <folder>/data/<key>} (each storage's raw
 * bytes), {@code <folder>/version} and, since PyTorch 1.10 or so, {@code <folder>/byteorder}. The folder is
 * named after the saved file's stem by older versions and {@code archive} by newer ones; any name is read.
 */
final class ZipCheckpoint {

    private ZipCheckpoint() {
    }

    static Object read(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = findPrefix(zip, file);
            if (zip.getEntry(prefix + "constants.pkl") != null) {
                throw new BadInputException(file, "is a TorchScript archive (torch.jit.save), which holds code;"
                    + " ambidex reads torch.save checkpoints: save model.state_dict() with torch.save instead");
            }
            ByteOrder order = byteOrder(zip, prefix, file);
            ZipEntry pickle = zip.getEntry(prefix + "data.pkl");
            Map<String, TorchStorage> storages = new HashMap<>();
            Unpickler unpickler;
            long fileSize = java.nio.file.Files.size(file);
            long bound = pickle.getMethod() == ZipEntry.STORED ? Math.min(pickle.getSize(), fileSize) : -1;
            try (InputStream in = zip.getInputStream(pickle)) {
                unpickler = new Unpickler(PickleSource.of(in, bound), file, pickle.getName(),
                    pid -> storage(zip, prefix, pid, storages, order, file), false);
                Object object = unpickler.loadDeferred();
                long storageBytes = 0;
                for (TorchStorage s : storages.values()) {
                    storageBytes += s.elementCount() * s.dtype().itemSize();
                }
                return unpickler.resolveDeferred(object, CopyBudget.forStorages(storageBytes));
            }
        } catch (ZipException e) {
            throw new BadInputException(file, "not a valid zip checkpoint (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private static long fileSize(Path file) throws IOException {
        return java.nio.file.Files.size(file);
    }

    /** The folder holding {@code data.pkl}: exactly one top-level folder must have one. */
    private static String findPrefix(ZipFile zip, Path file) {
        List<String> found = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.equals("data.pkl")) {
                found.add("");
            } else if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
                found.add(name.substring(0, name.length() - "data.pkl".length()));
            }
        }
        if (found.size() != 1) {
            throw new BadInputException(file, found.isEmpty()
                ? "is a zip archive without data.pkl, not a PyTorch checkpoint"
                : "holds several data.pkl (" + String.join(", ", found) + "), expected one PyTorch checkpoint");
        }
        return found.get(0);
    }

    private static ByteOrder byteOrder(ZipFile zip, String prefix, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "byteorder");
        if (entry == null) {
            return ByteOrder.LITTLE_ENDIAN; // files older than the record are little-endian
        }
        try (InputStream in = zip.getInputStream(entry)) {
            String text = new String(in.readNBytes(16), StandardCharsets.US_ASCII).strip();
            return switch (text) {
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                case "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw new BadInputException(file, prefix + "byteorder says '" + text
                    + "', expected 'little' or 'big'");
            };
        }
    }

    private static TorchStorage storage(ZipFile zip, String prefix, Object pid, Map<String, TorchStorage> storages,
                                        ByteOrder order, Path file) {
        TorchStorageId id = TorchStorageId.parseZip(pid, file);
        TorchStorage known = storages.get(id.key());
        if (known != null) {
            if (known.dtype() != id.type().dtype()) {
                throw new BadInputException(file, "storage " + id.key() + " is used as both " + known.dtype() + " and "
                    + id.type().dtype());
            }
            return known;
        }
        String name = prefix + "data/" + id.key();
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new BadInputException(file, "the checkpoint lacks " + name + ", the data of storage " + id.key());
        }
        long expected = Math.multiplyExact(id.elementCount(), (long) id.type().dtype().itemSize());
        if (entry.getSize() != expected) {
            throw new BadInputException(file, name + " holds " + entry.getSize() + " bytes, but the storage declares "
                + id.elementCount() + " " + id.type().dtype() + " elements (" + expected + " bytes)");
        }
        if (expected > Integer.MAX_VALUE - 16) {
            throw new BadInputException(file, "storage " + id.key() + " is larger than the 2 GiB ambidex reads");
        }
        TorchStorage storage = new TorchStorage(id.type(), id.key(), id.location(), id.elementCount());
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes;
            if (entry.getMethod() == ZipEntry.STORED && expected <= fileSize(file)) {
                // PyTorch stores storages uncompressed: the size is bounded by the file, allocate once.
                bytes = new byte[(int) expected];
                if (in.readNBytes(bytes, 0, bytes.length) != expected) {
                    throw new BadInputException(file, name + " is truncated");
                }
            } else {
                bytes = in.readNBytes((int) expected);
                if (bytes.length != expected) {
                    throw new BadInputException(file, name + " is truncated");
                }
            }
            storage.setBytes(bytes, order);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read " + name + " (" + e.getMessage() + ")", e);
        }
        storages.put(id.key(), storage);
        return storage;
    }
}
