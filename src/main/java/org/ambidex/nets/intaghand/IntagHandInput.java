package org.ambidex.nets.intaghand;

/**
 * The network input of a 256 x 256 RGB crop as the reference makes it: {@code /255}, then
 * {@code transforms.Normalize} with ImageNet's mean and deviation, in float32 as torch computes it; planar (CHW).
 */
public final class IntagHandInput {

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private IntagHandInput() {
    }

    /**
     * @param hwc {@code 256 x 256 x 3} RGB samples, 0..255, row-major interleaved
     * @return {@code 3 x 256 x 256} floats
     */
    public static float[] of(float[] hwc) {
        int side = IntagHandNet.INPUT_SIZE;
        int n = side * side;
        if (hwc.length != 3 * n) {
            throw new IllegalArgumentException("expected a 256 x 256 RGB crop (" + 3 * n + " samples), got "
                + hwc.length);
        }
        float[] chw = new float[3 * n];
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 3; c++) {
                float x = hwc[3 * p + c] / 255f;
                chw[c * n + p] = (x - MEAN[c]) / STD[c];
            }
        }
        return chw;
    }
}
