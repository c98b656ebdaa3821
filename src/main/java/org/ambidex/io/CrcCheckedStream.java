package org.ambidex.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipException;

/**
 * The content of one zip entry, checked against the CRC-32 and size its archive records for it. The JDK checks
 * neither when reading a {@link java.util.zip.ZipFile} (nor a reader of bytes in memory), so a model file or
 * checkpoint with a few flipped bytes would otherwise load as different numbers without a word.
 *
 * <p>The check runs when the content ends. Readers often stop at the end of what they parse (a pickle's STOP, a
 * storage's last byte), so {@link #close()} reads what is left and checks then: every entry read is checked
 * whole. A mismatch is a {@link ZipException} naming the entry.
 */
public final class CrcCheckedStream extends FilterInputStream {

    private final String entry;
    private final long expectedCrc;
    private final long expectedSize;
    private final CRC32 crc = new CRC32();
    private long count;
    private boolean checked;

    /**
     * @param in the entry's uncompressed content
     * @param entry its name, for the message
     * @param expectedCrc the CRC-32 the archive records
     * @param expectedSize the uncompressed size the archive records
     */
    public CrcCheckedStream(InputStream in, String entry, long expectedCrc, long expectedSize) {
        super(in);
        this.entry = entry;
        this.expectedCrc = expectedCrc;
        this.expectedSize = expectedSize;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            check();
        } else {
            crc.update(b);
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            check();
        } else {
            crc.update(buffer, offset, n);
            counted(n);
        }
        return n;
    }

    /** Skipped bytes are read, since they count in the CRC. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {
        // not supported: a reset would count bytes twice
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Reads the rest of the entry (no more than the archive records for it), checks it, and closes. */
    @Override
    public void close() throws IOException {
        try {
            if (!checked) {
                byte[] buffer = new byte[8192];
                while (read(buffer, 0, buffer.length) >= 0) {
                    // read() counts and checks; the bound on the size ends an entry inflating without end
                }
            }
        } finally {
            in.close();
        }
    }

    private void counted(int n) throws ZipException {
        count += n;
        if (count > expectedSize) {
            throw new ZipException("entry " + entry + " is corrupt: its content runs past the " + expectedSize
                + " bytes the archive records");
        }
    }

    private void check() throws ZipException {
        if (checked) {
            return;
        }
        checked = true;
        if (count != expectedSize) {
            throw new ZipException("entry " + entry + " is corrupt: it holds " + count + " bytes, the archive records "
                + expectedSize);
        }
        if (crc.getValue() != expectedCrc) {
            throw new ZipException(String.format(Locale.ROOT, "entry %s is corrupt: its CRC-32 is %08x, the archive"
                + " records %08x", entry, crc.getValue(), expectedCrc));
        }
    }
}
