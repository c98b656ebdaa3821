package org.ambidex.io.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
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
 * The archive is a file or bytes in memory; both are read by the same code, so they give the same results and
 * the same messages past the zip layer.
 */
final class ZipCheckpoint {

    private ZipCheckpoint() {
    }

    /** Opens the archive; {@link ZipException} when it is not a valid zip archive. */
    private interface Opener {
        ZipArchive open() throws IOException;
    }

    static Object read(Path file) {
        return read(file, () -> FileZip.open(file));
    }

    /** The checkpoint in {@code bytes}; {@code source} names it in messages. */
    static Object read(byte[] bytes, Path source) {
        return read(source, () -> MemoryZip.of(bytes));
    }

    private static Object read(Path file, Opener opener) {
        try (ZipArchive zip = opener.open()) {
            String prefix = findPrefix(zip, file);
            if (zip.entry(prefix + "constants.pkl") != null) {
                throw new BadInputException(file, "is a TorchScript archive (torch.jit.save), which holds code;"
                    + " ambidex reads torch.save checkpoints: save model.state_dict() with torch.save instead");
            }
            ByteOrder order = byteOrder(zip, prefix, file);
            ZipArchive.Entry pickle = zip.entry(prefix + "data.pkl");
            Map<String, TorchStorage> storages = new HashMap<>();
            Unpickler unpickler;
            long bound = pickle.stored() ? Math.min(pickle.size(), zip.size()) : -1;
            try (InputStream in = zip.open(pickle)) {
                unpickler = new Unpickler(PickleSource.of(in, bound), file, pickle.name(),
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
        } catch (java.io.UncheckedIOException e) {
            // The pickle reader wraps what its stream throws; a failed CRC check reads the same from there.
            if (e.getCause() instanceof ZipException zip) {
                throw new BadInputException(file, "not a valid zip checkpoint (" + zip.getMessage() + ")", zip);
            }
            throw e;
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /** The folder holding {@code data.pkl}: exactly one top-level folder must have one. */
    private static String findPrefix(ZipArchive zip, Path file) {
        List<String> found = new ArrayList<>();
        for (String name : zip.names()) {
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

    private static ByteOrder byteOrder(ZipArchive zip, String prefix, Path file) throws IOException {
        ZipArchive.Entry entry = zip.entry(prefix + "byteorder");
        if (entry == null) {
            return ByteOrder.LITTLE_ENDIAN; // files older than the record are little-endian
        }
        try (InputStream in = zip.open(entry)) {
            String text = new String(in.readNBytes(16), StandardCharsets.US_ASCII).strip();
            return switch (text) {
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                case "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw new BadInputException(file, prefix + "byteorder says '" + text
                    + "', expected 'little' or 'big'");
            };
        }
    }

    private static TorchStorage storage(ZipArchive zip, String prefix, Object pid, Map<String, TorchStorage> storages,
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
        ZipArchive.Entry entry = zip.entry(name);
        if (entry == null) {
            throw new BadInputException(file, "the checkpoint lacks " + name + ", the data of storage " + id.key());
        }
        long expected = Math.multiplyExact(id.elementCount(), (long) id.type().dtype().itemSize());
        if (entry.size() != expected) {
            throw new BadInputException(file, name + " holds " + entry.size() + " bytes, but the storage declares "
                + id.elementCount() + " " + id.type().dtype() + " elements (" + expected + " bytes)");
        }
        if (expected > Integer.MAX_VALUE - 16) {
            throw new BadInputException(file, "storage " + id.key() + " is larger than the 2 GiB ambidex reads");
        }
        TorchStorage storage = new TorchStorage(id.type(), id.key(), id.location(), id.elementCount());
        try (InputStream in = zip.open(entry)) {
            byte[] bytes;
            if (entry.stored() && expected <= zip.size()) {
                // PyTorch stores storages uncompressed: the size is bounded by the archive, allocate once.
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
        } catch (ZipException e) {
            throw new BadInputException(file, "not a valid zip checkpoint (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read " + name + " (" + e.getMessage() + ")", e);
        }
        storages.put(id.key(), storage);
        return storage;
    }
}
