package org.ambidex.io.pickle;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The bytes a pickle is read from: a byte array or a stream, with the position for error messages and,
 * when known, the number of bytes left, so that a declared length is checked before anything is allocated.
 */
public final class PickleSource {

    /** Above this size a read of unknown-length input grows its buffer step by step. */
    private static final int CHUNK = 16 << 20;

    private final InputStream in;
    private final byte[] array;
    private final long length;
    private long position;

    private PickleSource(InputStream in, byte[] array, long length) {
        this.in = in;
        this.array = array;
        this.length = length;
    }

    /** Reads the pickle from {@code bytes}. */
    public static PickleSource of(byte[] bytes) {
        return new PickleSource(null, bytes, bytes.length);
    }

    /**
     * Reads the pickle from {@code in}; {@code length} is the number of bytes the stream holds at most, or -1
     * when unknown. Give a length only when it is a true bound (a file's size), never a size declared by the
     * input itself: declared lengths up to it are allocated at once.
     */
    public static PickleSource of(InputStream in, long length) {
        return new PickleSource(in, null, length);
    }

    /** Bytes consumed so far. */
    public long position() {
        return position;
    }

    /** Bytes left, or -1 when unknown. */
    public long remaining() {
        return length < 0 ? -1 : length - position;
    }

    /** The next byte (0..255). */
    int readByte() throws EOFException {
        if (array != null) {
            if (position >= length) {
                throw new EOFException();
            }
            return array[(int) position++] & 0xff;
        }
        try {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            position++;
            return b;
        } catch (EOFException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Exactly {@code n} bytes. Fails with {@link EOFException} before allocating when fewer are known to be
     * left; for input of unknown length the buffer grows in chunks, so a lying length runs out of input
     * rather than out of memory.
     */
    public byte[] readBytes(long n) throws EOFException {
        if (n < 0 || (length >= 0 && n > length - position) || n > Integer.MAX_VALUE - 16) {
            throw new EOFException();
        }
        int count = (int) n;
        if (array != null) {
            byte[] out = Arrays.copyOfRange(array, (int) position, (int) position + count);
            position += count;
            return out;
        }
        try {
            if (length >= 0 || count <= CHUNK) {
                // The length is known and bounds n (or n is small): allocate once and fill.
                byte[] out = new byte[count];
                int got = in.readNBytes(out, 0, count);
                position += got;
                if (got < count) {
                    throw new EOFException();
                }
                return out;
            }
            byte[] out = new byte[CHUNK];
            int filled = 0;
            while (filled < count) {
                if (filled == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(count, (long) out.length * 2));
                }
                int got = in.readNBytes(out, filled, out.length - filled);
                position += got;
                if (got == 0) {
                    throw new EOFException();
                }
                filled += got;
            }
            return out;
        } catch (EOFException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes up to and excluding the next newline (protocol 0 text arguments), at most {@code max} bytes. */
    byte[] readLine(int max) throws EOFException {
        byte[] buffer = new byte[64];
        int n = 0;
        while (true) {
            int b = readByte();
            if (b == '\n') {
                return Arrays.copyOf(buffer, n);
            }
            if (n == max) {
                throw new PickleException("a text argument is longer than " + max + " bytes");
            }
            if (n == buffer.length) {
                buffer = Arrays.copyOf(buffer, n * 2);
            }
            buffer[n++] = (byte) b;
        }
    }

    long readLittleEndian(int bytes) throws EOFException {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= ((long) readByte()) << (8 * i);
        }
        return v;
    }
}
