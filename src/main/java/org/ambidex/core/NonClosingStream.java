package org.ambidex.core;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream a writer may close without closing the stream under it: closing only flushes. For writers (a JSON
 * generator, an image encoder) that close what they are given, when the caller still has work to do on the
 * underlying stream ({@link AtomicOutput} forces and unlocks its file after the writer is done).
 */
public final class NonClosingStream extends FilterOutputStream {

    public NonClosingStream(OutputStream out) {
        super(out);
    }

    /** Writes the block at once (FilterOutputStream would write it a byte at a time). */
    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
