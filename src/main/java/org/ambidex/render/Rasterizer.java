package org.ambidex.render;

/**
 * Scan-converts triangles given in camera coordinates (OpenCV frame, metres) into a {@link SampleBuffer}.
 *
 * <p>Rules, chosen so that coverage is exact and meshes are watertight:
 * <ul>
 * <li>A sample is a point at integer sample coordinates; a triangle covers it when the point is inside.
 *     Vertices are projected and snapped to 1/256 sample ({@value #SUBPIXEL_BITS} bits of sub-sample
 *     precision, as GPUs do); edge functions are then evaluated exactly in 64-bit integers, so two triangles
 *     sharing an edge agree on every sample.</li>
 * <li>Top-left fill rule: a sample exactly on an edge belongs to the triangle only when that edge is a top
 *     edge (horizontal, the triangle below it; y points down) or a left edge. A sample on an edge shared by
 *     two triangles is therefore drawn exactly once, and no sample between them is missed.</li>
 * <li>Triangles are clipped against the near plane {@code z = }{@value #NEAR} m (geometry closer to the
 *     camera plane is not drawn) and against a guard band {@value #GUARD} samples outside the image (which
 *     keeps the fixed-point numbers in range; it never changes coverage inside the image).</li>
 * <li>Depth is the camera z of the surface, interpolated as {@code 1/z} (perspective-correct) over the exact
 *     (unsnapped) projected triangle, so it is the true depth of the triangle's plane at the sample centre;
 *     the barycentric coordinates stored for shading are interpolated the same way. The depth test is strict: on a tie the earlier triangle
 *     stays.</li>
 * <li>No back-face culling: both sides are drawn (hand meshes are open at the wrist).</li>
 * </ul>
 */
final class Rasterizer {

    static final int SUBPIXEL_BITS = 8;
    static final double NEAR = 1e-3;
    static final double GUARD = 1 << 20;
    private static final long ONE = 1L << SUBPIXEL_BITS;
    private static final double SCALE = ONE;

    private final SampleBuffer buffer;
    private final double fx;
    private final double fy;
    private final double cx;
    private final double cy;
    /** When not null, counts every sample each triangle covers, before the depth test (for tests). */
    final int[] coverageCount;

    /** Clip planes {@code a x + b y + c z + d >= 0} in camera coordinates: near and the four guard planes. */
    private final double[][] planes;

    /**
     * A rasterizer into {@code buffer}, with intrinsics in sample units ({@code u = fx x/z + cx} lands on
     * sample centres at integers).
     */
    Rasterizer(SampleBuffer buffer, double fx, double fy, double cx, double cy, boolean countCoverage) {
        this.buffer = buffer;
        this.fx = fx;
        this.fy = fy;
        this.cx = cx;
        this.cy = cy;
        this.coverageCount = countCoverage ? new int[buffer.width * buffer.height] : null;
        this.planes = new double[][] {
            {0, 0, 1, -NEAR},
            {-fx, 0, GUARD - cx, 0},
            {fx, 0, GUARD + cx, 0},
            {0, -fy, GUARD - cy, 0},
            {0, fy, GUARD + cy, 0},
        };
    }

    /** Draws every face of a mesh whose camera-frame positions are {@code p} (V, 3). */
    void drawMesh(int meshId, double[] p, int[] faces) {
        for (int f = 0; f < faces.length / 3; f++) {
            int a = 3 * faces[3 * f];
            int b = 3 * faces[3 * f + 1];
            int c = 3 * faces[3 * f + 2];
            drawTriangle(meshId, f, p[a], p[a + 1], p[a + 2], p[b], p[b + 1], p[b + 2], p[c], p[c + 1], p[c + 2]);
        }
    }

    private final double[] scratch = new double[3];

    void drawTriangle(int meshId, int faceId, double ax, double ay, double az, double bx, double by, double bz,
                      double cx0, double cy0, double cz) {
        if (inside(ax, ay, az) && inside(bx, by, bz) && inside(cx0, cy0, cz)) {
            raster(meshId, faceId, ax, ay, az, bx, by, bz, cx0, cy0, cz, IDENTITY);
            return;
        }
        // Sutherland-Hodgman in camera space; each vertex carries (x, y, z, w0, w1, w2) where w are its
        // barycentric coordinates in the original triangle (linear in camera space, so exact).
        double[][] poly = {
            {ax, ay, az, 1, 0, 0},
            {bx, by, bz, 0, 1, 0},
            {cx0, cy0, cz, 0, 0, 1},
        };
        int n = 3;
        for (double[] plane : planes) {
            double[][] out = new double[n + 3][];
            int m = 0;
            for (int i = 0; i < n; i++) {
                double[] s = poly[i];
                double[] e = poly[(i + 1) % n];
                double ds = distance(plane, s);
                double de = distance(plane, e);
                if (ds >= 0) {
                    out[m++] = s;
                }
                if ((ds >= 0) != (de >= 0)) {
                    double t = ds / (ds - de);
                    double[] v = new double[6];
                    for (int k = 0; k < 6; k++) {
                        v[k] = s[k] + t * (e[k] - s[k]);
                    }
                    out[m++] = v;
                }
            }
            poly = out;
            n = m;
            if (n < 3) {
                return;
            }
        }
        for (int i = 1; i + 1 < n; i++) {
            double[] p0 = poly[0];
            double[] p1 = poly[i];
            double[] p2 = poly[i + 1];
            double[] weights = {p0[3], p0[4], p0[5], p1[3], p1[4], p1[5], p2[3], p2[4], p2[5]};
            raster(meshId, faceId, p0[0], p0[1], p0[2], p1[0], p1[1], p1[2], p2[0], p2[1], p2[2], weights);
        }
    }

    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    private static double distance(double[] plane, double[] v) {
        return plane[0] * v[0] + plane[1] * v[1] + plane[2] * v[2] + plane[3];
    }

    private boolean inside(double x, double y, double z) {
        if (!(z >= NEAR)) {
            return false;
        }
        double u = fx * x / z + cx;
        double v = fy * y / z + cy;
        return Math.abs(u) <= GUARD && Math.abs(v) <= GUARD;
    }

    /**
     * Rasterizes one (clipped) triangle. {@code weights} (3 x 3, row per vertex) are the vertices' barycentric
     * coordinates in the original face; the stored coordinates are those, interpolated perspective-correctly.
     */
    private void raster(int meshId, int faceId, double ax, double ay, double az, double bx, double by, double bz,
                        double cx0, double cy0, double cz, double[] weights) {
        double u0 = fx * ax / az + cx;
        double v0 = fy * ay / az + cy;
        double u1 = fx * bx / bz + cx;
        double v1 = fy * by / bz + cy;
        double u2 = fx * cx0 / cz + cx;
        double v2 = fy * cy0 / cz + cy;
        long x0 = Math.round(u0 * SCALE);
        long y0 = Math.round(v0 * SCALE);
        long x1 = Math.round(u1 * SCALE);
        long y1 = Math.round(v1 * SCALE);
        long x2 = Math.round(u2 * SCALE);
        long y2 = Math.round(v2 * SCALE);
        long area = (x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0);
        if (area == 0) {
            return;
        }
        // Interpolation uses the exact projected vertices (coverage uses the snapped ones): 1/z and
        // barycentric/z are affine in screen coordinates, so depth and weights are exact at every sample. When
        // snapping changed the triangle a lot (a sliver), interpolate over the snapped triangle instead, which
        // keeps the values bounded by the vertices'.
        double exactArea = (u1 - u0) * (v2 - v0) - (v1 - v0) * (u2 - u0);
        double snappedArea = area / (SCALE * SCALE);
        if (!(Math.abs(exactArea - snappedArea) <= 0.5 * Math.abs(snappedArea))) {
            u0 = x0 / SCALE;
            v0 = y0 / SCALE;
            u1 = x1 / SCALE;
            v1 = y1 / SCALE;
            u2 = x2 / SCALE;
            v2 = y2 / SCALE;
            exactArea = snappedArea;
        }
        double iz0 = 1 / az;
        double iz1 = 1 / bz;
        double iz2 = 1 / cz;
        double du1 = u1 - u0;
        double dv1 = v1 - v0;
        double du2 = u2 - u0;
        double dv2 = v2 - v0;
        double inv = 1 / exactArea;
        // f(u, v) = f0 + gu (u - u0) + gv (v - v0) for f = 1/z, w0/z, w1/z.
        double fz0 = iz0;
        double fz1 = iz1;
        double fz2 = iz2;
        double zu = ((fz1 - fz0) * dv2 - (fz2 - fz0) * dv1) * inv;
        double zv = ((fz2 - fz0) * du1 - (fz1 - fz0) * du2) * inv;
        double za = fz0 - zu * u0 - zv * v0;
        double fa0 = weights[0] * iz0;
        double fa1 = weights[3] * iz1;
        double fa2 = weights[6] * iz2;
        double au = ((fa1 - fa0) * dv2 - (fa2 - fa0) * dv1) * inv;
        double av = ((fa2 - fa0) * du1 - (fa1 - fa0) * du2) * inv;
        double aa = fa0 - au * u0 - av * v0;
        double fb0 = weights[1] * iz0;
        double fb1 = weights[4] * iz1;
        double fb2 = weights[7] * iz2;
        double bu = ((fb1 - fb0) * dv2 - (fb2 - fb0) * dv1) * inv;
        double bv = ((fb2 - fb0) * du1 - (fb1 - fb0) * du2) * inv;
        double ba = fb0 - bu * u0 - bv * v0;

        if (area < 0) {
            // Positive orientation for the edge functions: swap vertices 1 and 2.
            long t = x1;
            x1 = x2;
            x2 = t;
            t = y1;
            y1 = y2;
            y2 = t;
            area = -area;
        }
        int width = buffer.width;
        int height = buffer.height;
        long minX = Math.max(0, ceilSample(Math.min(x0, Math.min(x1, x2))));
        long maxX = Math.min(width - 1, floorSample(Math.max(x0, Math.max(x1, x2))));
        long minY = Math.max(0, ceilSample(Math.min(y0, Math.min(y1, y2))));
        long maxY = Math.min(height - 1, floorSample(Math.max(y0, Math.max(y1, y2))));
        if (minX > maxX || minY > maxY) {
            return;
        }
        // Edge i is opposite vertex i; E(p) = (to.x - from.x)(p.y - from.y) - (to.y - from.y)(p.x - from.x),
        // positive inside.
        long dx0 = x2 - x1;
        long dy0 = y2 - y1;
        long dx1 = x0 - x2;
        long dy1 = y0 - y2;
        long dx2 = x1 - x0;
        long dy2 = y1 - y0;
        long bias0 = topLeft(dx0, dy0) ? 0 : 1;
        long bias1 = topLeft(dx1, dy1) ? 0 : 1;
        long bias2 = topLeft(dx2, dy2) ? 0 : 1;
        long px = minX * ONE;
        long py = minY * ONE;
        long row0 = dx0 * (py - y1) - dy0 * (px - x1);
        long row1 = dx1 * (py - y2) - dy1 * (px - x2);
        long row2 = dx2 * (py - y0) - dy2 * (px - x0);
        long stepX0 = -dy0 * ONE;
        long stepX1 = -dy1 * ONE;
        long stepX2 = -dy2 * ONE;
        long stepY0 = dx0 * ONE;
        long stepY1 = dx1 * ONE;
        long stepY2 = dx2 * ONE;
        double[] depth = buffer.depth;
        int[] meshes = buffer.mesh;
        int storedId = meshId + 1;
        int[] coverage = coverageCount;
        buffer.touch((int) minX, (int) minY, (int) maxX, (int) maxY);
        for (long y = minY; y <= maxY; y++) {
            // The covered samples of a row are one run: solve E_i(x) >= bias_i for each edge exactly (integer
            // arithmetic), instead of testing every sample of the bounding box.
            long lo = 0;
            long hi = maxX - minX;
            lo = Math.max(lo, firstInside(row0, stepX0, bias0, hi));
            hi = Math.min(hi, lastInside(row0, stepX0, bias0, hi));
            lo = Math.max(lo, firstInside(row1, stepX1, bias1, hi));
            hi = Math.min(hi, lastInside(row1, stepX1, bias1, hi));
            lo = Math.max(lo, firstInside(row2, stepX2, bias2, hi));
            hi = Math.min(hi, lastInside(row2, stepX2, bias2, hi));
            if (lo <= hi) {
                double zRow = za + zv * y;
                double aRow = aa + av * y;
                double bRow = ba + bv * y;
                int index = (int) (y * width + minX + lo);
                for (long x = minX + lo; x <= minX + hi; x++, index++) {
                    if (coverage != null) {
                        coverage[index]++;
                    }
                    double z = 1 / (zRow + zu * x);
                    if (meshes[index] == 0 || z < depth[index]) {
                        depth[index] = z;
                        meshes[index] = storedId;
                        buffer.face[index] = faceId;
                        buffer.b0[index] = (float) ((aRow + au * x) * z);
                        buffer.b1[index] = (float) ((bRow + bu * x) * z);
                    }
                }
            }
            row0 += stepY0;
            row1 += stepY1;
            row2 += stepY2;
        }
    }

    /**
     * The first offset {@code k >= 0} along a row where {@code e + step k >= bias}: 0 when the edge function
     * does not grow along x and already holds, {@code last + 1} when it never holds.
     */
    private static long firstInside(long e, long step, long bias, long last) {
        if (step > 0) {
            long need = bias - e;
            return need <= 0 ? 0 : -Math.floorDiv(-need, step);
        }
        return e >= bias ? 0 : last + 1;
    }

    /**
     * The last offset {@code k <= last} where {@code e + step k >= bias} (for a shrinking edge function), -1
     * when there is none.
     */
    private static long lastInside(long e, long step, long bias, long last) {
        if (step < 0) {
            long room = e - bias;
            return room < 0 ? -1 : Math.min(last, Math.floorDiv(room, -step));
        }
        // A growing edge function bounds the run from below only.
        return step > 0 || e >= bias ? last : -1;
    }

    /**
     * Whether a sample exactly on the edge with direction {@code (dx, dy)} belongs to the triangle. With the
     * triangle positively oriented (inside on the left of each edge in y-down coordinates, i.e. E > 0), an
     * edge going up ({@code dy < 0}) is a left edge and a horizontal edge going right is a top edge. The
     * opposite direction, which the neighbour sharing the edge sees, gets the opposite answer.
     */
    static boolean topLeft(long dx, long dy) {
        return dy < 0 || (dy == 0 && dx > 0);
    }

    private static long ceilSample(long fixed) {
        return -Math.floorDiv(-fixed, ONE);
    }

    private static long floorSample(long fixed) {
        return Math.floorDiv(fixed, ONE);
    }
}
