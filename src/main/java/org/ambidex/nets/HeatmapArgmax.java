package org.ambidex.nets;

/**
 * InterNet's hard argmax over a joint's {@code D x H x W} heatmap (SEED_SPEC B.4, I.1): the reference takes the
 * maximum over depth, then over height, then over width, and gathers the indices back. With PyTorch's first-index
 * rule for equal values this is the global maximum, ties going to the smallest x, then the smallest y, then the
 * smallest z; this class applies that rule directly.
 */
public final class HeatmapArgmax {

    private HeatmapArgmax() {
    }

    /**
     * Decodes {@code joints} heatmaps stored one after the other in {@code heat} from {@code offset}, each
     * {@code depth x height x width} in C order.
     *
     * @param xyz receives {@code (x, y, z)} per joint
     * @param scores receives the maximum per joint
     */
    public static void decode(float[] heat, int offset, int joints, int depth, int height, int width, double[] xyz,
                              float[] scores) {
        int plane = height * width;
        int volume = depth * plane;
        for (int j = 0; j < joints; j++) {
            int base = offset + j * volume;
            float best = Float.NEGATIVE_INFINITY;
            int bx = 0;
            int by = 0;
            int bz = 0;
            boolean first = true;
            for (int z = 0; z < depth; z++) {
                int zb = base + z * plane;
                for (int y = 0; y < height; y++) {
                    int row = zb + y * width;
                    for (int x = 0; x < width; x++) {
                        float v = heat[row + x];
                        // strictly greater, or equal with a smaller (x, y, z) in that priority
                        if (first || v > best || v == best && (x < bx || x == bx && (y < by || y == by && z < bz))) {
                            best = v;
                            bx = x;
                            by = y;
                            bz = z;
                            first = false;
                        }
                    }
                }
            }
            xyz[3 * j] = bx;
            xyz[3 * j + 1] = by;
            xyz[3 * j + 2] = bz;
            scores[j] = best;
        }
    }
}
