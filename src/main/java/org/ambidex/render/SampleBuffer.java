package org.ambidex.render;

import java.util.Arrays;

/**
 * What the rasterizer leaves at each sample: the nearest surface's camera depth, which mesh and face it
 * belongs to, and the perspective-correct barycentric coordinates of the sample in that face (the third is
 * {@code 1 - b0 - b1}). Shading reads it afterwards (deferred shading), so hidden surfaces cost no lighting.
 * Samples are row-major, {@code index = y * width + x}; sample centres sit at integer coordinates.
 */
final class SampleBuffer {
    final int width;
    final int height;
    final double[] depth;
    final int[] mesh;
    final int[] face;
    final float[] b0;
    final float[] b1;

    SampleBuffer(int width, int height) {
        this.width = width;
        this.height = height;
        int n = width * height;
        depth = new double[n];
        mesh = new int[n];
        face = new int[n];
        b0 = new float[n];
        b1 = new float[n];
        Arrays.fill(depth, Double.POSITIVE_INFINITY);
        Arrays.fill(mesh, -1);
    }
}
