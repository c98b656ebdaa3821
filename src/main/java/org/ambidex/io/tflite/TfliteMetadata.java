package org.ambidex.io.tflite;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One metadata entry of the model: a name and the bytes of the buffer it points to (MediaPipe's models carry
 * {@code min_runtime_version} and {@code reduced_precision_support}, short NUL-padded texts).
 *
 * @param name   the entry's name
 * @param buffer the index of its buffer
 * @param data   the buffer's bytes (a copy)
 */
public record TfliteMetadata(String name, int buffer, byte[] data) {

    public TfliteMetadata {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The data as text when it is printable ASCII (trailing NULs dropped), else "N bytes". */
    public String text() {
        int end = data.length;
        while (end > 0 && data[end - 1] == 0) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (data[i] < 0x20 || data[i] > 0x7e) {
                return data.length + " bytes";
            }
        }
        return new String(data, 0, end, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TfliteMetadata m && m.name.equals(name) && m.buffer == buffer
            && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + buffer) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "TfliteMetadata[name=" + name + ", buffer=" + buffer + ", " + text() + "]";
    }
}
