package org.ambidex.io.torch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The entries of a zip archive, whether it is a file ({@link FileZip}) or bytes in memory ({@link MemoryZip}), so
 * that one reader of the checkpoint inside serves both and they agree on every result and message.
 */
interface ZipArchive extends Closeable {

    /**
     * One entry: its name, whether it is stored uncompressed, its uncompressed size in bytes and the CRC-32 of its
     * content as the central directory records them.
     */
    record Entry(String name, boolean stored, long size, long crc) {
    }

    /** Every entry's name, in the order of the central directory. */
    List<String> names();

    /** The entry called {@code name}, or null when there is none. */
    Entry entry(String name);

    /**
     * The uncompressed content of {@code entry}, checked against its CRC-32 and size when it ends or is closed
     * ({@link org.ambidex.io.CrcCheckedStream}).
     */
    InputStream open(Entry entry) throws IOException;

    /** The size of the whole archive in bytes, which no stored entry can exceed. */
    long size();
}
