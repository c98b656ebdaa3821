package org.ambidex.nets.dir;

/**
 * DIR's input normalisation ({@code dataset/interhand.py}): the 8-bit RGB crop as float32 divided by 255, then
 * ImageNet's mean subtracted and deviation divided, each step in float32 as torch computes it.
 */
public final class DirInput {

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private DirInput() {
    }

    /**
     * Writes the planar (3, S, S) input for an interleaved RGB crop {@code hwc} (S x S x 3, values 0..255) into
     * {@code out} from {@code offset}.
     */
    public static void normalise(float[] hwc, int size, float[] out, int offset) {
        int plane = size * size;
        if (hwc.length != plane * 3) {
            throw new IllegalArgumentException("expected " + size + " x " + size + " x 3 samples, got " + hwc.length);
        }
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                out[offset + c * plane + p] = (hwc[3 * p + c] / 255f - MEAN[c]) / STD[c];
            }
        }
    }
}
