package org.ambidex.nets.twohand;

/** The network's input convention: RGB divided by 255, minus the configured mean, divided by the std, planar. */
public final class InputNormalisation {

    private InputNormalisation() {
    }

    /**
     * Writes the planar network input of an {@code size x size} RGB crop given as HWC samples in 0..255 into
     * {@code out} from {@code offset}; returns {@code out}.
     */
    public static float[] apply(float[] hwc, int size, TwoHandConfig config, float[] out, int offset) {
        int plane = size * size;
        if (hwc.length != 3 * plane) {
            throw new IllegalArgumentException("expected " + size + " x " + size + " x 3 samples, got " + hwc.length);
        }
        double[] mean = config.mean();
        double[] std = config.std();
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                out[offset + c * plane + i] = (float) ((hwc[3 * i + c] / 255.0 - mean[c]) / std[c]);
            }
        }
        return out;
    }
}
