package org.ambidex.io.tflite;

/**
 * TFLite's padding scheme of convolutions and pools. {@code SAME}: output {@code ceil(in / stride)}, total
 * padding {@code max((out - 1) * stride + kernel - in, 0)}, of which {@code total / 2} (rounded down) goes before
 * and the rest after (bottom, right). {@code VALID}: no padding, output {@code ceil((in - kernel + 1) / stride)}.
 */
public enum TflitePadding {
    SAME,
    VALID;

    /** The output length of a window of {@code kernel} with {@code stride} over {@code in} samples. */
    public int outputSize(int in, int kernel, int stride) {
        return this == SAME ? ceilDiv(in, stride) : ceilDiv(in - kernel + 1, stride);
    }

    /** Padding before the first sample (top or left), in samples. */
    public int before(int in, int kernel, int stride) {
        return total(in, kernel, stride) / 2;
    }

    /** Padding after the last sample (bottom or right): the odd sample of an uneven split goes here. */
    public int after(int in, int kernel, int stride) {
        int total = total(in, kernel, stride);
        return total - total / 2;
    }

    private int total(int in, int kernel, int stride) {
        if (this == VALID) {
            return 0;
        }
        return Math.max((outputSize(in, kernel, stride) - 1) * stride + kernel - in, 0);
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
