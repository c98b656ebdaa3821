package org.ambidex.render.soft;

import java.util.stream.IntStream;

/**
 * Which faces each pixel blends, found on the Java side from the current (not differentiated) screen positions:
 * every face visits only the pixels of its screen bounding box grown by the blur's reach, and a pixel keeps its
 * {@code maxFaces} nearest faces (by perspective-correct depth at the pixel centre). Pixel {@code (row i, column j)}
 * has its centre at {@code (j + 1/2, i + 1/2)} in the camera's pixel coordinates, as neural_renderer's.
 *
 * <p>The result lists the P pixels that any face reaches, each with K slots (K the largest count found, at most
 * {@code maxFaces}); unused slots repeat the first face with {@code valid = 0}. Indices are global over the
 * batch: vertex {@code b * V + v}, face {@code b * F + f}, pixel {@code b * size^2 + i * size + j}.
 *
 * @param pixels global index of each listed pixel (P)
 * @param slots K
 * @param vertexA first vertex of each slot's face (P * K), likewise {@code vertexB}, {@code vertexC}
 * @param face each slot's face (P * K)
 * @param valid 1 for a used slot, 0 for padding (P * K)
 * @param sign +1 when the pixel centre is inside the slot's face, -1 outside (P * K)
 * @param depthShift per pixel, the largest normalised inverse depth among its faces and the background's (P):
 *     subtracted before exponentiating, which changes no value
 * @param centres pixel centres x, y (P * 2)
 * @param covered per pixel of the whole batch, 1 when a face covers any of the pixel's four 2 x 2 sub-samples
 *     (neural_renderer's anti-aliased silhouette above 0), else 0
 */
record PixelFaces(long[] pixels, int slots, long[] vertexA, long[] vertexB, long[] vertexC, long[] face,
                  float[] valid, float[] sign, float[] depthShift, float[] centres, float[] covered) {

    /**
     * @param screen per vertex u, v (pixels) and camera depth z (metres), B * V * 3
     * @param faces packed triangles, F * 3
     */
    static PixelFaces find(float[] screen, int batch, int vertices, int[] faces, SoftRasterSettings s) {
        int side = s.size();
        int pixels = side * side;
        int kMax = s.maxFaces();
        int[][] counts = new int[batch][];
        int[][] chosen = new int[batch][];
        float[][] depth = new float[batch][];
        byte[][] inside = new byte[batch][];
        float[] covered = new float[batch * pixels];
        IntStream.range(0, batch).parallel().forEach(b -> {
            counts[b] = new int[pixels];
            chosen[b] = new int[pixels * kMax];
            depth[b] = new float[pixels * kMax];
            inside[b] = new byte[pixels * kMax];
            visit(screen, b * vertices * 3, faces, s, counts[b], chosen[b], depth[b], inside[b], covered,
                b * pixels);
        });
        int k = 1;
        int p = 0;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < pixels; i++) {
                if (counts[b][i] > 0) {
                    p++;
                    k = Math.max(k, counts[b][i]);
                }
            }
        }
        int f = faces.length / 3;
        long[] pixelIds = new long[p];
        long[] va = new long[p * k];
        long[] vb = new long[p * k];
        long[] vc = new long[p * k];
        long[] face = new long[p * k];
        float[] valid = new float[p * k];
        float[] sign = new float[p * k];
        float[] shift = new float[p];
        float[] centres = new float[2 * p];
        double range = s.far() - s.near();
        int n = 0;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < pixels; i++) {
                int c = counts[b][i];
                if (c == 0) {
                    continue;
                }
                pixelIds[n] = (long) b * pixels + i;
                centres[2 * n] = i % side + 0.5f;
                centres[2 * n + 1] = i / side + 0.5f;
                double best = SoftRasterSettings.BACKGROUND_EPSILON;
                for (int slot = 0; slot < k; slot++) {
                    int from = slot < c ? slot : 0;
                    int tri = chosen[b][i * kMax + from];
                    int at = n * k + slot;
                    va[at] = (long) b * vertices + faces[3 * tri];
                    vb[at] = (long) b * vertices + faces[3 * tri + 1];
                    vc[at] = (long) b * vertices + faces[3 * tri + 2];
                    face[at] = (long) b * f + tri;
                    valid[at] = slot < c ? 1 : 0;
                    sign[at] = inside[b][i * kMax + from] != 0 ? 1 : -1;
                    if (slot < c) {
                        best = Math.max(best, (s.far() - depth[b][i * kMax + from]) / range);
                    }
                }
                shift[n] = (float) best;
                n++;
            }
        }
        return new PixelFaces(pixelIds, k, va, vb, vc, face, valid, sign, shift, centres, covered);
    }

    private static final double[][] SUBSAMPLES = {{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}};

    /** Visits every face of one image (screen positions from {@code base}). */
    private static void visit(float[] screen, int base, int[] faces, SoftRasterSettings s, int[] count, int[] chosen,
                              float[] depth, byte[] inside, float[] covered, int coveredBase) {
        int side = s.size();
        int kMax = s.maxFaces();
        double reach2 = s.reach();
        // The bounding box is grown by the blur's reach and by at least half a pixel (for the sub-samples).
        double reach = Math.max(0.5, Math.sqrt(reach2));
        for (int tri = 0; tri < faces.length / 3; tri++) {
            int a = base + 3 * faces[3 * tri];
            int b = base + 3 * faces[3 * tri + 1];
            int c = base + 3 * faces[3 * tri + 2];
            double ax = screen[a];
            double ay = screen[a + 1];
            double az = screen[a + 2];
            double bx = screen[b];
            double by = screen[b + 1];
            double bz = screen[b + 2];
            double cx = screen[c];
            double cy = screen[c + 1];
            double cz = screen[c + 2];
            if (!(az > s.near() && bz > s.near() && cz > s.near()) || !(az < s.far() && bz < s.far() && cz < s.far())) {
                continue;
            }
            double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
            if (!(Math.abs(area) > 1e-8)) {
                continue; // degenerate on screen: no pixel sees it (and its barycentrics would divide by zero)
            }
            int x0 = Math.max(0, (int) Math.ceil(Math.min(ax, Math.min(bx, cx)) - reach - 0.5));
            int x1 = Math.min(side - 1, (int) Math.floor(Math.max(ax, Math.max(bx, cx)) + reach - 0.5));
            int y0 = Math.max(0, (int) Math.ceil(Math.min(ay, Math.min(by, cy)) - reach - 0.5));
            int y1 = Math.min(side - 1, (int) Math.floor(Math.max(ay, Math.max(by, cy)) + reach - 0.5));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double px = x + 0.5;
                    double py = y + 0.5;
                    double wa = ((bx - px) * (cy - py) - (by - py) * (cx - px)) / area;
                    double wb = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) / area;
                    double wc = 1 - wa - wb;
                    boolean in = wa >= 0 && wb >= 0 && wc >= 0;
                    int pixel = y * side + x;
                    for (double[] sub : SUBSAMPLES) {
                        if (covered[coveredBase + pixel] == 0 && contains(x + sub[0], y + sub[1], ax, ay, bx, by, cx,
                            cy, area)) {
                            covered[coveredBase + pixel] = 1;
                        }
                    }
                    if (!in && distance2(px, py, ax, ay, bx, by, cx, cy) > reach2) {
                        continue;
                    }
                    float z = (float) depthAt(wa, wb, wc, az, bz, cz);
                    insert(pixel, tri, z, in, kMax, count, chosen, depth, inside);
                }
            }
        }
    }

    /** Keeps the pixel's {@code kMax} nearest faces; on equal depth the earlier face stays. */
    private static void insert(int pixel, int tri, float z, boolean in, int kMax, int[] count, int[] chosen,
                               float[] depth, byte[] inside) {
        int o = pixel * kMax;
        int c = count[pixel];
        int at;
        if (c < kMax) {
            at = c;
            count[pixel] = c + 1;
        } else {
            at = 0;
            for (int i = 1; i < kMax; i++) {
                if (depth[o + i] > depth[o + at]) {
                    at = i;
                }
            }
            if (!(z < depth[o + at])) {
                return;
            }
        }
        chosen[o + at] = tri;
        depth[o + at] = z;
        inside[o + at] = (byte) (in ? 1 : 0);
    }

    /** Perspective-correct depth with the barycentrics clamped to [0, 1] and renormalised (SoftRas's). */
    static double depthAt(double wa, double wb, double wc, double az, double bz, double cz) {
        double a = clamp(wa);
        double b = clamp(wb);
        double c = clamp(wc);
        double sum = a + b + c;
        return sum / (a / az + b / bz + c / cz);
    }

    private static double clamp(double w) {
        return Math.min(1, Math.max(0, w));
    }

    private static boolean contains(double px, double py, double ax, double ay, double bx, double by, double cx,
                                    double cy, double area) {
        double wa = ((bx - px) * (cy - py) - (by - py) * (cx - px)) / area;
        double wb = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) / area;
        return wa >= 0 && wb >= 0 && 1 - wa - wb >= 0;
    }

    /** Squared distance from a point to the triangle's boundary. */
    static double distance2(double px, double py, double ax, double ay, double bx, double by, double cx, double cy) {
        return Math.min(segment2(px, py, ax, ay, bx, by), Math.min(segment2(px, py, bx, by, cx, cy),
            segment2(px, py, cx, cy, ax, ay)));
    }

    private static double segment2(double px, double py, double ax, double ay, double bx, double by) {
        double ex = bx - ax;
        double ey = by - ay;
        double wx = px - ax;
        double wy = py - ay;
        double t = Math.min(1, Math.max(0, (wx * ex + wy * ey) / (ex * ex + ey * ey + 1e-12)));
        double dx = wx - t * ex;
        double dy = wy - t * ey;
        return dx * dx + dy * dy;
    }
}
