package org.ambidex.io.torch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.ambidex.io.CrcCheckedStream;

/**
 * A zip archive held in a byte array, read through its central directory as {@link java.util.zip.ZipFile} reads
 * a file. The central directory, unlike a sequential read of the local headers, gives the sizes of stored entries
 * written with a data descriptor, as {@code torch.save} writes them. Zip64 end records are followed when the plain
 * end record says to.
 *
 * <p>Every offset and size is checked against the array before it is used: an archive whose records point
 * outside it, into each other, or disagree with each other is a {@link ZipException} saying what is wrong.
 */
final class MemoryZip implements ZipArchive {

    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END64_SIGNATURE = 0x06064b50;
    private static final int LOCATOR64_SIGNATURE = 0x07064b50;
    private static final int LOCAL_SIZE = 30;
    private static final int CENTRAL_SIZE = 46;
    private static final int END_SIZE = 22;
    private static final int END64_SIZE = 56;
    private static final int LOCATOR64_SIZE = 20;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final long MAX16 = 0xffffL;
    private static final long MAX32 = 0xffffffffL;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    /** Where an entry's data is and how it is compressed. */
    private record Located(Entry entry, int method, int start, int compressedSize) {
    }

    private final byte[] bytes;
    private final Map<String, Located> entries;

    private MemoryZip(byte[] bytes, Map<String, Located> entries) {
        this.bytes = bytes;
        this.entries = entries;
    }

    /** The archive in {@code bytes} (not copied: leave them unchanged while it is in use). */
    static MemoryZip of(byte[] bytes) throws ZipException {
        return new MemoryZip(bytes, new Parser(bytes).entries());
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    @Override
    public Entry entry(String name) {
        Located e = entries.get(name);
        return e == null ? null : e.entry();
    }

    @Override
    public InputStream open(Entry entry) throws IOException {
        Located e = entries.get(entry.name());
        return new CrcCheckedStream(content(e), entry.name(), entry.crc(), entry.size());
    }

    private InputStream content(Located e) throws IOException {
        Entry entry = e.entry();
        InputStream raw = new ByteArrayInputStream(bytes, e.start(), e.compressedSize());
        if (e.method() == STORED) {
            return raw;
        }
        if (e.method() != DEFLATED) {
            throw new ZipException("entry " + entry.name() + " uses compression method " + e.method()
                + "; only stored and deflated entries are read");
        }
        Inflater inflater = new Inflater(true);
        // Raw deflate data may need one byte past its end before zlib reports the end (Inflater's "nowrap" note).
        InputStream padded = new SequenceInputStream(raw, new ByteArrayInputStream(new byte[1]));
        return new InflaterInputStream(padded, inflater) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    // An Inflater passed in is not ended by the stream; its native memory would wait for the GC.
                    inflater.end();
                }
            }
        };
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public void close() {
        // Nothing to release: the bytes belong to the caller.
    }

    /** Reads the end record and the central directory, checking each against the array. */
    private static final class Parser {

        private final byte[] bytes;

        Parser(byte[] bytes) {
            this.bytes = bytes;
        }

        Map<String, Located> entries() throws ZipException {
            int end = findEnd();
            if (u16(end + 4) != 0 || u16(end + 6) != 0 || u16(end + 8) != u16(end + 10)) {
                throw new ZipException("the archive spans several disks");
            }
            long count = u16(end + 10);
            long directorySize = u32(end + 12);
            long directoryStart = u32(end + 16);
            long directoryLimit = end;
            if (count == MAX16 || directorySize == MAX32 || directoryStart == MAX32) {
                // The plain end record overflowed: the zip64 end record, found through its locator, holds the values.
                int locator = end - LOCATOR64_SIZE;
                if (locator < 0 || u32(locator) != LOCATOR64_SIGNATURE) {
                    throw new ZipException("the end record needs a zip64 end record, but its locator is missing");
                }
                long end64 = u64(locator + 8);
                if (end64 < 0 || end64 > locator - END64_SIZE || u32((int) end64) != END64_SIGNATURE) {
                    throw new ZipException("the zip64 end record is missing or out of place");
                }
                count = u64((int) end64 + 32);
                directorySize = u64((int) end64 + 40);
                directoryStart = u64((int) end64 + 48);
                directoryLimit = end64;
            }
            if (directoryStart < 0 || directorySize < 0 || directoryStart > directoryLimit
                || directorySize > directoryLimit - directoryStart) {
                throw new ZipException("the central directory (" + directorySize + " bytes at " + directoryStart
                    + ") lies outside the archive");
            }
            if (count < 0 || count > directorySize / CENTRAL_SIZE) {
                throw new ZipException("the end record declares " + count + " entries, more than a central directory"
                    + " of " + directorySize + " bytes holds");
            }
            int start = (int) directoryStart;
            int limit = (int) (directoryStart + directorySize);
            Map<String, Located> entries = new LinkedHashMap<>();
            int at = start;
            for (long i = 0; i < count; i++) {
                Located e = central(at, limit, start);
                if (entries.put(e.entry().name(), e) != null) {
                    throw new ZipException("the archive holds two entries named " + e.entry().name());
                }
                at += CENTRAL_SIZE + u16(at + 28) + u16(at + 30) + u16(at + 32);
            }
            if (at != limit) {
                throw new ZipException("the central directory's " + count + " entries take " + (at - start)
                    + " bytes, but the end record says " + directorySize);
            }
            return entries;
        }

        /** The end of central directory record: the last one whose comment reaches exactly the end of the array. */
        private int findEnd() throws ZipException {
            int lowest = Math.max(0, bytes.length - END_SIZE - (int) MAX16);
            for (int at = bytes.length - END_SIZE; at >= lowest; at--) {
                if (u32(at) == END_SIGNATURE && at + END_SIZE + u16(at + 20) == bytes.length) {
                    return at;
                }
            }
            throw new ZipException("no end of central directory record (truncated or not a zip archive)");
        }

        /** The central directory record at {@code at}, which must end before {@code limit}, and its local header. */
        private Located central(int at, int limit, int directoryStart) throws ZipException {
            if (at > limit - CENTRAL_SIZE || u32(at) != CENTRAL_SIGNATURE) {
                throw new ZipException("a central directory record is missing at byte " + at);
            }
            int nameLength = u16(at + 28);
            int extraLength = u16(at + 30);
            int commentLength = u16(at + 32);
            if ((long) at + CENTRAL_SIZE + nameLength + extraLength + commentLength > limit) {
                throw new ZipException("the central directory record at byte " + at + " runs past the directory");
            }
            String name = new String(bytes, at + CENTRAL_SIZE, nameLength, StandardCharsets.UTF_8);
            int flags = u16(at + 8);
            int method = u16(at + 10);
            long compressed = u32(at + 20);
            long size = u32(at + 24);
            long local = u32(at + 42);
            long crc = u32(at + 16);
            if (size == MAX32 || compressed == MAX32 || local == MAX32) {
                long[] wide = zip64(at + CENTRAL_SIZE + nameLength, extraLength, name,
                    new long[] {size, compressed, local});
                size = wide[0];
                compressed = wide[1];
                local = wide[2];
            }
            if ((flags & 1) != 0) {
                throw new ZipException("entry " + name + " is encrypted");
            }
            if (method == STORED && compressed != size) {
                throw new ZipException("stored entry " + name + " declares " + compressed + " bytes stored but " + size
                    + " bytes of content");
            }
            if (size < 0 || compressed < 0 || local < 0 || local > directoryStart - LOCAL_SIZE
                || u32((int) local) != LOCAL_SIGNATURE) {
                throw new ZipException("the local header of entry " + name + " is missing");
            }
            int localName = u16((int) local + 26);
            long start = local + LOCAL_SIZE + localName + u16((int) local + 28);
            if (start > directoryStart || compressed > directoryStart - start) {
                throw new ZipException("the data of entry " + name + " (" + compressed + " bytes at " + start
                    + ") runs into the central directory");
            }
            if (localName != nameLength || !sameBytes((int) local + LOCAL_SIZE, at + CENTRAL_SIZE, nameLength)) {
                throw new ZipException("the local header of entry " + name + " names another entry");
            }
            return new Located(new Entry(name, method == STORED, size, crc), method, (int) start, (int) compressed);
        }

        /**
         * The sizes and offset from the zip64 extra field, for those whose 32-bit field is all ones, in the order
         * the format lists them (size, compressed size, local header offset).
         */
        private long[] zip64(int extra, int length, String name, long[] values) throws ZipException {
            int end = extra + length;
            for (int at = extra; at + 4 <= end; at += 4 + u16(at + 2)) {
                if (u16(at) != ZIP64_EXTRA) {
                    continue;
                }
                int field = at + 4;
                int fieldEnd = Math.min(end, field + u16(at + 2));
                long[] out = values.clone();
                for (int i = 0; i < out.length; i++) {
                    if (out[i] == MAX32) {
                        if (field + 8 > fieldEnd) {
                            throw new ZipException("the zip64 extra field of entry " + name + " is too short");
                        }
                        out[i] = u64(field);
                        field += 8;
                    }
                }
                return out;
            }
            throw new ZipException("entry " + name + " needs a zip64 extra field but has none");
        }

        private boolean sameBytes(int a, int b, int length) {
            return java.util.Arrays.equals(bytes, a, a + length, bytes, b, b + length);
        }

        private int u16(int at) {
            return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
        }

        private long u32(int at) {
            return u16(at) | (long) u16(at + 2) << 16;
        }

        /** An unsigned 64-bit field; values beyond a long (negative here) are refused by the callers' checks. */
        private long u64(int at) {
            return u32(at) | u32(at + 4) << 32;
        }
    }
}
