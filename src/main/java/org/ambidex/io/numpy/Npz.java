package org.ambidex.io.numpy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BadInputException;
import org.ambidex.io.CrcCheckedStream;
import org.ambidex.io.NdArray;
import org.ambidex.io.pickle.ObjectArray;

/**
 * NumPy {@code .npz} archives ({@code np.savez} and {@code np.savez_compressed}): a zip of {@code .npy}
 * files, one per named array. Maps keep the archive's order; names are given without {@code .npy}.
 */
public final class Npz {

    /**
     * 1980-01-01 00:00 in the local zone: the zip DOS time is local time, so this instant gives the same entry
     * bytes (and no extended-time field) whatever the machine's time zone.
     */
    private static final java.util.function.LongSupplier DOS_EPOCH_LOCAL_MILLIS = () -> java.time.LocalDateTime
        .of(1980, 1, 1, 0, 0).atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();

    private Npz() {
    }

    /**
     * The numeric arrays of {@code file} by name. Text arrays (such as MANO's {@code bs_style}) are left
     * out: {@link #readAll} returns them; an object array is refused.
     */
    public static Map<String, NdArray> read(Path file) {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        readAll(file, false).forEach((name, value) -> {
            if (value instanceof NdArray a) {
                arrays.put(name, a);
            }
        });
        return Collections.unmodifiableMap(arrays);
    }

    /**
     * Every array of {@code file} by name: {@link NdArray}, {@link TextArray}, or (only when
     * {@code allowObjectArrays}) {@link ObjectArray}.
     */
    public static Map<String, Object> readAll(Path file, boolean allowObjectArrays) {
        long size = Npy.sizeOf(file);
        Map<String, Object> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                long length = entry.getSize();
                if (entry.getMethod() == ZipEntry.STORED && length > size) {
                    throw new BadInputException(file, name + ": declares " + length + " bytes, more than the archive holds");
                }
                if (entry.getMethod() != ZipEntry.STORED) {
                    length = -1; // a deflated entry's declared size is not a bound
                }
                // ZipFile checks no CRC: a corrupted archive would give other numbers without a word.
                try (InputStream in = new CrcCheckedStream(zip.getInputStream(entry), name, entry.getCrc(),
                    entry.getSize())) {
                    Object value = NpyFormat.read(in, length, file, name, allowObjectArrays);
                    out.put(name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name, value);
                }
            }
        } catch (ZipException e) {
            throw new BadInputException(file, "not a valid .npz (zip) archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the archive (" + e.getMessage() + ")", e);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Writes {@code arrays} as {@code file} (atomically), deflated when {@code compressed}, else stored. */
    public static void write(Path file, Map<String, NdArray> arrays, boolean compressed) {
        AtomicOutput.write(file, stream -> {
            // finish() rather than close(): AtomicOutput owns and closes the file stream.
            ZipOutputStream zip = new ZipOutputStream(stream);
            {
                for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
                    ByteArrayOutputStream npy = new ByteArrayOutputStream();
                    NpyFormat.write(npy, e.getValue());
                    byte[] bytes = npy.toByteArray();
                    ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                    entry.setTime(DOS_EPOCH_LOCAL_MILLIS.getAsLong()); // 1980-01-01 00:00 as NumPy writes, in every time zone
                    if (!compressed) {
                        CRC32 crc = new CRC32();
                        crc.update(bytes);
                        entry.setMethod(ZipEntry.STORED);
                        entry.setSize(bytes.length);
                        entry.setCompressedSize(bytes.length);
                        entry.setCrc(crc.getValue());
                    } else {
                        entry.setMethod(ZipEntry.DEFLATED);
                    }
                    zip.putNextEntry(entry);
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
            zip.finish();
        });
    }
}
