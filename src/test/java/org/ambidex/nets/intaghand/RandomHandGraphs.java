package org.ambidex.nets.intaghand;

import java.util.SplittableRandom;

/**
 * Random graphs in {@code build_graph}'s sizes for tests (63, 126 and 252 nodes, a permutation of 1008 finest
 * nodes): symmetric Laplacian-like matrices (diagonal -0.5, a few negative neighbours per node) and random vertex
 * indices, from a seed.
 */
public final class RandomHandGraphs {

    public static final int[] NODES = {63, 126, 252};
    public static final int FINEST = 1008;

    private RandomHandGraphs() {
    }

    public static HandGraphs of(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] laps = new float[3][];
        for (int l = 0; l < 3; l++) {
            int n = NODES[l];
            float[] m = new float[n * n];
            for (int i = 0; i < n; i++) {
                m[i * n + i] = -0.5f;
                for (int k = 0; k < 3; k++) {
                    int j = r.nextInt(n);
                    if (j != i) {
                        float w = (float) (-0.1 * r.nextDouble());
                        m[i * n + j] = w;
                        m[j * n + i] = w;
                    }
                }
            }
            laps[l] = m;
        }
        int[] perm = new int[FINEST];
        for (int i = 0; i < FINEST; i++) {
            perm[i] = r.nextInt(HandGraphs.VERTICES);
        }
        return new HandGraphs(laps, NODES.clone(), perm, FINEST);
    }
}
