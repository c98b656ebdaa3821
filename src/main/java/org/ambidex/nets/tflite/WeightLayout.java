package org.ambidex.nets.tflite;

/**
 * Rearranges TFLite weights (channels last) into PyTorch's layouts, once at load time, so that no op permutes a
 * weight while running.
 */
final class WeightLayout {

    private WeightLayout() {
    }

    /** A convolution weight {@code [O, KH, KW, I]} (TFLite's OHWI) as {@code [O, I, KH, KW]} (PyTorch's OIHW). */
    static float[] ohwiToOihw(float[] w, int o, int kh, int kw, int in) {
        float[] out = new float[w.length];
        for (int a = 0; a < o; a++) {
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int c = 0; c < in; c++) {
                        out[((a * in + c) * kh + y) * kw + x] = w[((a * kh + y) * kw + x) * in + c];
                    }
                }
            }
        }
        return out;
    }

    /** A depthwise weight {@code [1, KH, KW, C]} as {@code [C, 1, KH, KW]} (a grouped convolution, C groups). */
    static float[] depthwiseToC1hw(float[] w, int kh, int kw, int channels) {
        float[] out = new float[w.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int c = 0; c < channels; c++) {
                    out[(c * kh + y) * kw + x] = w[(y * kw + x) * channels + c];
                }
            }
        }
        return out;
    }

    /**
     * A weight {@code [O, I, KH, KW]} with {@code rows} zero rows and {@code cols} zero columns in front, as
     * {@link Convolution#widened} needs it.
     */
    static float[] widenedInFront(float[] w, int o, int in, int kh, int kw, int rows, int cols) {
        int h = kh + rows;
        int wide = kw + cols;
        float[] out = new float[o * in * h * wide];
        for (int plane = 0; plane < o * in; plane++) {
            for (int y = 0; y < kh; y++) {
                System.arraycopy(w, (plane * kh + y) * kw, out, (plane * h + y + rows) * wide + cols, kw);
            }
        }
        return out;
    }
}
