package org.ambidex.data.interhand;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongPredicate;
import org.ambidex.core.BadInputException;

/**
 * A per-frame annotation file ({@code _joint_3d.json}, {@code _MANO_NeuralAnnot.json}: an object of captures,
 * each an object of frames, SEED_SPEC A.4/A.5) indexed by byte offset. One streaming pass records where each
 * wanted frame's value starts (about 16 bytes per frame); a frame is parsed from the file when asked for, so
 * memory does not grow with the file. Safe for concurrent reads.
 */
final class FrameFile implements AutoCloseable {

    /** Parses one frame value; the parser is positioned on its first token. */
    @FunctionalInterface
    interface ValueReader<T> {
        T read(Path file, JsonParser p) throws IOException;
    }

    private final Path file;
    private final JsonFactory json;
    private final FileChannel channel;
    private final LongLongMap offsets;

    private FrameFile(Path file, JsonFactory json, FileChannel channel, LongLongMap offsets) {
        this.file = file;
        this.json = json;
        this.channel = channel;
        this.offsets = offsets;
    }

    Path file() {
        return file;
    }

    /** Number of indexed frames. */
    int size() {
        return offsets.size();
    }

    boolean has(int capture, int frame) {
        return offsets.contains(LongLongMap.frameKey(capture, frame));
    }

    /**
     * Indexes {@code file}, keeping the frames whose {@link LongLongMap#frameKey} {@code wanted} accepts.
     */
    static FrameFile index(Path file, JsonFactory json, LongPredicate wanted, int expected) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            LongLongMap offsets = new LongLongMap(Math.max(16, expected));
            FrameOffsetScanner.scan(file, channel, (capture, frame, offset) -> {
                if (capture != (int) capture || frame != (int) frame) {
                    throw new BadInputException(file, "capture " + capture + " frame " + frame
                        + " is out of range; expected 32-bit integers");
                }
                long key = LongLongMap.frameKey(capture, frame);
                if (offset >= 0 && wanted.test(key)) {
                    offsets.put(key, offset);
                }
            });
            FrameFile result = new FrameFile(file, json, channel, offsets);
            channel = null;
            return result;
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such annotation file; expected it in the split's annotations folder", e);
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(file, "not a readable JSON annotation file (" + e.getMessage() + ")", e);
        } finally {
            closeQuietly(channel);
        }
    }

    /** The frame's value parsed by {@code reader}, or {@code null} when the file has no such frame. */
    <T> T read(int capture, int frame, ValueReader<T> reader) {
        long offset = offsets.get(LongLongMap.frameKey(capture, frame), -1);
        if (offset < 0) {
            return null;
        }
        try (JsonParser p = json.createParser(new ChannelStream(channel, offset))) {
            p.nextToken();
            return reader.read(file, p);
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(file, "capture " + capture + " frame " + frame + " cannot be read ("
                + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Read-only channel: nothing to lose.
            }
        }
    }

    /** Reads a channel from a position with positional reads, so several streams can share one channel. */
    private static final class ChannelStream extends InputStream {
        private final FileChannel channel;
        private long position;

        ChannelStream(FileChannel channel, long position) {
            this.channel = channel;
            this.position = position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, len), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }
}
