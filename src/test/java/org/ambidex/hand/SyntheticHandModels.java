package org.ambidex.hand;

import java.util.Random;
import org.ambidex.io.NdArray;

/** Small random hand models with MANO's tree and array layout, for tests that need no real model. */
public final class SyntheticHandModels {

    static final int[] MANO_PARENTS = {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14};

    private SyntheticHandModels() {
    }

    /** A model with {@code vertices} vertices, random blend shapes and its own tip vertices. */
    public static HandModel random(long seed, int vertices, int shapes) {
        Random r = new Random(seed);
        double[] template = gaussian(r, vertices * 3, 0.05);
        double[] regressor = new double[16 * vertices];
        for (int j = 0; j < 16; j++) {
            // Each joint regressed from a few vertices, rows summing to one as MANO's do.
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                int v = r.nextInt(vertices);
                double w = 0.1 + r.nextDouble();
                regressor[j * vertices + v] += w;
                sum += w;
            }
            for (int v = 0; v < vertices; v++) {
                regressor[j * vertices + v] /= sum;
            }
        }
        double[] weights = new double[vertices * 16];
        for (int v = 0; v < vertices; v++) {
            double sum = 0;
            for (int j = 0; j < 16; j++) {
                double w = r.nextDouble() < 0.3 ? r.nextDouble() : 0;
                weights[v * 16 + j] = w;
                sum += w;
            }
            if (sum == 0) {
                weights[v * 16 + r.nextInt(16)] = sum = 1;
            }
            for (int j = 0; j < 16; j++) {
                weights[v * 16 + j] /= sum;
            }
        }
        int faces = Math.max(1, vertices - 2);
        int[] f = new int[faces * 3];
        for (int i = 0; i < faces; i++) {
            f[3 * i] = i;
            f[3 * i + 1] = i + 1;
            f[3 * i + 2] = i + 2;
        }
        double[] components = gaussian(r, 45 * 45, 0.5);
        return HandModel.builder("synthetic", HandSide.RIGHT)
            .vTemplate(NdArray.ofDoubles(new int[] {vertices, 3}, template))
            .faces(NdArray.ofInts(new int[] {faces, 3}, f))
            .jRegressor(NdArray.ofDoubles(new int[] {16, vertices}, regressor))
            .weights(NdArray.ofDoubles(new int[] {vertices, 16}, weights))
            .posedirs(NdArray.ofDoubles(new int[] {vertices, 3, 135}, gaussian(r, vertices * 3 * 135, 0.002)))
            .shapedirs(NdArray.ofDoubles(new int[] {vertices, 3, shapes}, gaussian(r, vertices * 3 * shapes, 0.01)))
            .handsComponents(NdArray.ofDoubles(new int[] {45, 45}, components))
            .handsMean(NdArray.ofDoubles(new int[] {45}, gaussian(r, 45, 0.2)))
            .parents(MANO_PARENTS)
            .tipVertices(new int[] {vertices - 1, vertices - 2, vertices - 3, vertices - 4, vertices - 5})
            .build();
    }

    public static double[] gaussian(Random r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian() * scale;
        }
        return a;
    }
}
