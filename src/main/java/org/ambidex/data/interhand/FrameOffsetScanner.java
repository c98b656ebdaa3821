package org.ambidex.data.interhand;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;

/**
 * A structural scan of a per-frame annotation file ({@code {"<capture>": {"<frame>": value, ...}, ...}}) that
 * finds where each frame's value starts without tokenizing the values: it only tracks strings, brackets and
 * braces, so it runs at close to disk speed. The values themselves are parsed (and validated) later, when
 * their frames are read.
 */
final class FrameOffsetScanner {

    /** Receives each frame: its capture, frame number and the byte offset of its value ({@code -1} for null). */
    @FunctionalInterface
    interface Sink {
        void frame(long capture, long frame, long valueOffset);
    }

    private final Path file;
    private final FileChannel channel;
    private final byte[] buffer = new byte[1 << 20];
    private long bufferStart;
    private int length;
    private int index;

    private FrameOffsetScanner(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static void scan(Path file, FileChannel channel, Sink sink) throws IOException {
        new FrameOffsetScanner(file, channel).run(sink);
    }

    private void run(Sink sink) throws IOException {
        expect('{', "an object of captures");
        if (peekNonSpace() == '}') {
            next();
        } else {
            while (true) {
                long capture = key("a capture key");
                expect('{', "an object of frames for capture " + capture);
                if (peekNonSpace() == '}') {
                    next();
                } else {
                    while (true) {
                        long frame = key("a frame key");
                        int first = peekNonSpace();
                        long offset = position();
                        if (first == 'n') {
                            skipScalar();
                            sink.frame(capture, frame, -1);
                        } else {
                            skipValue();
                            sink.frame(capture, frame, offset);
                        }
                        if (!commaOrClose('}')) {
                            break;
                        }
                    }
                }
                if (!commaOrClose('}')) {
                    break;
                }
            }
        }
        if (peekNonSpace() != -1) {
            throw bad("the end of the file after the top-level object");
        }
    }

    private long position() {
        return bufferStart + index;
    }

    private int peek() throws IOException {
        if (index >= length) {
            bufferStart += length;
            index = 0;
            length = 0;
            int n = channel.read(ByteBuffer.wrap(buffer), bufferStart);
            if (n <= 0) {
                return -1;
            }
            length = n;
        }
        return buffer[index] & 0xFF;
    }

    private int next() throws IOException {
        int c = peek();
        if (c >= 0) {
            index++;
        }
        return c;
    }

    private int peekNonSpace() throws IOException {
        while (true) {
            int c = peek();
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                index++;
            } else {
                return c;
            }
        }
    }

    private void expect(char c, String what) throws IOException {
        if (peekNonSpace() != c) {
            throw bad(what);
        }
        next();
    }

    /** After a value: true on a comma (more entries), false on {@code close}. */
    private boolean commaOrClose(char close) throws IOException {
        int c = peekNonSpace();
        if (c == ',') {
            next();
            return true;
        }
        if (c == close) {
            next();
            return false;
        }
        throw bad("',' or '" + close + "'");
    }

    /** A quoted integer key followed by a colon. */
    private long key(String what) throws IOException {
        expect('"', what);
        long value = 0;
        int digits = 0;
        boolean negative = false;
        while (true) {
            int c = next();
            if (c == '"') {
                break;
            }
            if (c == '-' && digits == 0 && !negative) {
                negative = true;
            } else if (c >= '0' && c <= '9' && digits < 18) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                throw bad(what + " holding an integer");
            }
        }
        if (digits == 0) {
            throw bad(what + " holding an integer");
        }
        expect(':', "':' after " + what);
        return negative ? -value : value;
    }

    private void skipScalar() throws IOException {
        while (true) {
            int c = peek();
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == -1) {
                return;
            }
            index++;
        }
    }

    /** Skips one value: an object or array by bracket depth (minding strings), a string, or a scalar. */
    private void skipValue() throws IOException {
        int c = peekNonSpace();
        if (c == '"') {
            next();
            skipStringBody();
            return;
        }
        if (c != '{' && c != '[') {
            skipScalar();
            return;
        }
        int depth = 0;
        while (true) {
            // Scan the buffer directly: this loop is where the time goes.
            if (index >= length && peek() < 0) {
                throw bad("the end of a value (the file ends inside it)");
            }
            byte b = buffer[index++];
            if (b == '"') {
                skipStringBody();
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (--depth == 0) {
                    return;
                }
            }
        }
    }

    private void skipStringBody() throws IOException {
        while (true) {
            int c = next();
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                next();
            } else if (c < 0) {
                throw bad("the end of a string (the file ends inside it)");
            }
        }
    }

    private BadInputException bad(String expected) {
        return new BadInputException(file, "expected " + expected + " at byte " + position()
            + "; the file should map captures to frames as InterHand2.6M's per-frame files do");
    }
}
