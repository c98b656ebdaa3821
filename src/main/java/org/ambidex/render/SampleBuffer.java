package org.ambidex.render;

/**
 * What the rasterizer leaves at each sample: the nearest surface's camera depth, which mesh (stored as mesh
 * index + 1, so 0 means empty and a new buffer needs no clearing) and face it belongs to, and the perspective-correct barycentric coordinates of the sample in that face (the third is
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
    /** Bounding box of the samples written so far (empty when minX > maxX). */
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;

    SampleBuffer(int width, int height) {
        this.width = width;
        this.height = height;
        int n = width * height;
        depth = new double[n];
        mesh = new int[n];
        face = new int[n];
        b0 = new float[n];
        b1 = new float[n];
    }

    /** Whether sample {@code i} shows a surface. */
    boolean covered(int i) {
        return mesh[i] != 0;
    }

    /** Grows the written bounding box to include the sample rectangle {@code [x0, x1] x [y0, y1]}. */
    void touch(int x0, int y0, int x1, int y1) {
        minX = Math.min(minX, x0);
        minY = Math.min(minY, y0);
        maxX = Math.max(maxX, x1);
        maxY = Math.max(maxY, y1);
    }
}
