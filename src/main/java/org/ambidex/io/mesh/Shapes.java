package org.ambidex.io.mesh;

import java.util.HashMap;
import java.util.Map;

/**
 * Closed analytic meshes (boxes, spheres, ellipsoids) with outward counter-clockwise faces: test subjects for
 * renderers and writers, stand-ins in benchmarks, markers in scenes.
 */
public final class Shapes {

    private Shapes() {
    }

    /** An axis-aligned box with the given centre and full side lengths (metres): 8 vertices, 12 triangles. */
    public static Mesh box(String name, double cx, double cy, double cz, double sx, double sy, double sz) {
        double[] p = new double[24];
        for (int i = 0; i < 8; i++) {
            p[3 * i] = cx + ((i & 1) == 0 ? -sx / 2 : sx / 2);
            p[3 * i + 1] = cy + ((i & 2) == 0 ? -sy / 2 : sy / 2);
            p[3 * i + 2] = cz + ((i & 4) == 0 ? -sz / 2 : sz / 2);
        }
        // Vertex i has x from bit 0, y from bit 1, z from bit 2; each quad is listed counter-clockwise
        // seen from outside (right-handed axes).
        int[][] quads = {
            {0, 2, 3, 1}, // z-
            {4, 5, 7, 6}, // z+
            {0, 1, 5, 4}, // y-
            {2, 6, 7, 3}, // y+
            {0, 4, 6, 2}, // x-
            {1, 3, 7, 5}, // x+
        };
        int[] f = new int[36];
        for (int q = 0; q < 6; q++) {
            int[] c = quads[q];
            int[] tri = {c[0], c[1], c[2], c[0], c[2], c[3]};
            System.arraycopy(tri, 0, f, 6 * q, 6);
        }
        return Mesh.of(name, p, f);
    }

    /**
     * A geodesic sphere: an icosahedron subdivided {@code subdivisions} times with vertices pushed onto the
     * sphere ({@code 10 * 4^n + 2} vertices, {@code 20 * 4^n} triangles), with exact radial normals.
     */
    public static Mesh icosphere(String name, double cx, double cy, double cz, double radius, int subdivisions) {
        double t = (1 + Math.sqrt(5)) / 2;
        double[][] base = {
            {-1, t, 0}, {1, t, 0}, {-1, -t, 0}, {1, -t, 0}, {0, -1, t}, {0, 1, t},
            {0, -1, -t}, {0, 1, -t}, {t, 0, -1}, {t, 0, 1}, {-t, 0, -1}, {-t, 0, 1}};
        int[] faces = {0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6,
            7, 1, 8, 3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
        GrowableArrays.Doubles unit = new GrowableArrays.Doubles();
        for (double[] b : base) {
            addUnit(unit, b[0], b[1], b[2]);
        }
        for (int s = 0; s < subdivisions; s++) {
            Map<Long, Integer> midpoints = new HashMap<>();
            int[] next = new int[faces.length * 4];
            for (int f = 0; f < faces.length / 3; f++) {
                int a = faces[3 * f];
                int b = faces[3 * f + 1];
                int c = faces[3 * f + 2];
                int ab = midpoint(unit, midpoints, a, b);
                int bc = midpoint(unit, midpoints, b, c);
                int ca = midpoint(unit, midpoints, c, a);
                int[] four = {a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca};
                System.arraycopy(four, 0, next, 12 * f, 12);
            }
            faces = next;
        }
        int v = unit.size() / 3;
        double[] p = new double[3 * v];
        double[] n = new double[3 * v];
        double[] centre = {cx, cy, cz};
        for (int i = 0; i < 3 * v; i++) {
            n[i] = unit.get(i);
            p[i] = centre[i % 3] + radius * n[i];
        }
        return new Mesh(name, p, faces, n, null, null);
    }

    /**
     * A latitude-longitude ellipsoid with semi-axes {@code (ax, ay, az)}: {@code rings - 1} latitude circles of
     * {@code segments} vertices plus two poles ({@code (rings - 1) * segments + 2} vertices,
     * {@code 2 * segments * (rings - 1)} triangles), normals computed from the faces.
     */
    public static Mesh ellipsoid(String name, double cx, double cy, double cz, double ax, double ay, double az,
                                 int rings, int segments) {
        if (rings < 2 || segments < 3) {
            throw new IllegalArgumentException("an ellipsoid needs at least 2 rings and 3 segments");
        }
        int v = (rings - 1) * segments + 2;
        double[] p = new double[3 * v];
        p[0] = cx;
        p[1] = cy - ay;
        p[2] = cz;
        for (int r = 1; r < rings; r++) {
            double theta = Math.PI * r / rings;
            for (int s = 0; s < segments; s++) {
                double phi = 2 * Math.PI * s / segments;
                int i = 1 + (r - 1) * segments + s;
                p[3 * i] = cx + ax * Math.sin(theta) * Math.cos(phi);
                p[3 * i + 1] = cy - ay * Math.cos(theta);
                p[3 * i + 2] = cz + az * Math.sin(theta) * Math.sin(phi);
            }
        }
        p[3 * (v - 1)] = cx;
        p[3 * (v - 1) + 1] = cy + ay;
        p[3 * (v - 1) + 2] = cz;
        int[] f = new int[6 * segments * (rings - 1)];
        int k = 0;
        for (int s = 0; s < segments; s++) {
            int s1 = (s + 1) % segments;
            // Pole at -y: seen from outside (below), increasing phi turns clockwise, so reverse it.
            f[k++] = 0;
            f[k++] = 1 + s;
            f[k++] = 1 + s1;
            for (int r = 1; r < rings - 1; r++) {
                int a = 1 + (r - 1) * segments;
                int b = 1 + r * segments;
                f[k++] = a + s;
                f[k++] = b + s;
                f[k++] = b + s1;
                f[k++] = a + s;
                f[k++] = b + s1;
                f[k++] = a + s1;
            }
            int last = 1 + (rings - 2) * segments;
            f[k++] = v - 1;
            f[k++] = last + s1;
            f[k++] = last + s;
        }
        return Mesh.of(name, p, f).withComputedNormals();
    }

    private static void addUnit(GrowableArrays.Doubles out, double x, double y, double z) {
        double len = Math.sqrt(x * x + y * y + z * z);
        out.add(x / len);
        out.add(y / len);
        out.add(z / len);
    }

    private static int midpoint(GrowableArrays.Doubles unit, Map<Long, Integer> cache, int a, int b) {
        long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
        Integer known = cache.get(key);
        if (known != null) {
            return known;
        }
        addUnit(unit, unit.get(3 * a) + unit.get(3 * b), unit.get(3 * a + 1) + unit.get(3 * b + 1),
            unit.get(3 * a + 2) + unit.get(3 * b + 2));
        int index = unit.size() / 3 - 1;
        cache.put(key, index);
        return index;
    }
}
