package org.ambidex.io.torch;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * PyTorch's zip container as {@code torch.save} and {@code torch.jit.save} write it: stored (uncompressed) entries
 * whose data start on a multiple of 64 bytes (the padding in an {@code FB} extra field), fixed timestamps.
 */
final class AlignedZip {

    private static final int ALIGNMENT = 64;

    private final CountingStream counted;
    private final ZipOutputStream zip;

    /** Writes to {@code out}, which the caller still owns (finishing does not close it). */
    AlignedZip(OutputStream out) {
        this.counted = new CountingStream(out);
        this.zip = new ZipOutputStream(counted);
        zip.setLevel(0);
    }

    void put(String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        entry.setTime(315532800000L);
        int nameLength = name.getBytes(StandardCharsets.UTF_8).length;
        long dataStart = counted.count + 30 + nameLength + 4;
        int padding = (int) ((ALIGNMENT - dataStart % ALIGNMENT) % ALIGNMENT);
        byte[] extra = new byte[4 + padding];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) padding;
        extra[3] = (byte) (padding >>> 8);
        for (int i = 4; i < extra.length; i++) {
            extra[i] = 'Z';
        }
        entry.setExtra(extra);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    void finish() throws IOException {
        zip.finish();
    }

    /** Counts the bytes written, to place each entry's data on the alignment. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // The caller owns the underlying stream.
        }
    }
}
