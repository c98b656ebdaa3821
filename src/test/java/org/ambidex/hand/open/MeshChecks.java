package org.ambidex.hand.open;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Geometric and topological checks on triangle meshes ({@code V*3} vertices, {@code F*3} faces). */
final class MeshChecks {

    private MeshChecks() {
    }

    /** Directed edges used by more than one face, or whose reverse is not used exactly once. */
    static List<String> edgeProblems(int[] faces) {
        Map<Long, Integer> directed = new HashMap<>();
        for (int t = 0; t < faces.length; t += 3) {
            for (int c = 0; c < 3; c++) {
                directed.merge(key(faces[t + c], faces[t + (c + 1) % 3]), 1, Integer::sum);
            }
        }
        List<String> problems = new ArrayList<>();
        directed.forEach((k, n) -> {
            int a = (int) (k >>> 32);
            int b = (int) (k & 0xffffffffL);
            Integer reverse = directed.get(key(b, a));
            if (n != 1 || reverse == null || reverse != 1) {
                problems.add(a + "->" + b + " x" + n + ", reverse x" + reverse);
            }
        });
        return problems;
    }

    /** Vertices whose incident faces do not form exactly one fan (closed cycle). */
    static List<Integer> nonManifoldVertices(int[] faces, int vertexCount) {
        List<List<int[]>> around = new ArrayList<>();
        for (int v = 0; v < vertexCount; v++) {
            around.add(new ArrayList<>());
        }
        for (int t = 0; t < faces.length; t += 3) {
            for (int c = 0; c < 3; c++) {
                // For vertex faces[t+c], the face contributes a link edge next -> previous.
                around.get(faces[t + c]).add(new int[] {faces[t + (c + 1) % 3], faces[t + (c + 2) % 3]});
            }
        }
        List<Integer> bad = new ArrayList<>();
        for (int v = 0; v < vertexCount; v++) {
            List<int[]> link = around.get(v);
            if (link.isEmpty()) {
                bad.add(v);
                continue;
            }
            Map<Integer, Integer> next = new HashMap<>();
            for (int[] e : link) {
                if (next.put(e[0], e[1]) != null) {
                    bad.add(v);
                    break;
                }
            }
            if (next.size() != link.size()) {
                continue;
            }
            int start = link.get(0)[0];
            int cur = start;
            int steps = 0;
            do {
                Integer n = next.get(cur);
                if (n == null) {
                    steps = -1;
                    break;
                }
                cur = n;
                steps++;
            } while (cur != start && steps <= link.size());
            if (steps != link.size()) {
                bad.add(v);
            }
        }
        return bad;
    }

    static int edgeCount(int[] faces) {
        Set<Long> edges = new HashSet<>();
        for (int t = 0; t < faces.length; t += 3) {
            for (int c = 0; c < 3; c++) {
                int a = faces[t + c];
                int b = faces[t + (c + 1) % 3];
                edges.add(key(Math.min(a, b), Math.max(a, b)));
            }
        }
        return edges.size();
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    /** Signed volume (positive when faces wind counter-clockwise seen from outside). */
    static double signedVolume(double[] v, int[] faces) {
        double sum = 0;
        for (int t = 0; t < faces.length; t += 3) {
            double[] a = p(v, faces[t]);
            double[] b = p(v, faces[t + 1]);
            double[] c = p(v, faces[t + 2]);
            sum += Vec3Arrays.dot(a, Vec3Arrays.cross(b, c)) / 6;
        }
        return sum;
    }

    /** Generalised winding number of the closed mesh around point {@code q} (1 inside, 0 outside). */
    static double windingNumber(double[] v, int[] faces, double[] q) {
        double total = 0;
        for (int t = 0; t < faces.length; t += 3) {
            double[] a = Vec3Arrays.sub(p(v, faces[t]), q);
            double[] b = Vec3Arrays.sub(p(v, faces[t + 1]), q);
            double[] c = Vec3Arrays.sub(p(v, faces[t + 2]), q);
            double la = Vec3Arrays.norm(a);
            double lb = Vec3Arrays.norm(b);
            double lc = Vec3Arrays.norm(c);
            double num = Vec3Arrays.dot(a, Vec3Arrays.cross(b, c));
            double den = la * lb * lc + Vec3Arrays.dot(a, b) * lc + Vec3Arrays.dot(b, c) * la
                + Vec3Arrays.dot(c, a) * lb;
            total += 2 * Math.atan2(num, den);
        }
        return total / (4 * Math.PI);
    }

    /**
     * Pairs of triangles that share no vertex and intersect (separating-axis test), as "i,j" strings; at
     * most {@code limit} are returned.
     */
    static List<String> selfIntersections(double[] v, int[] faces, int limit) {
        int f = faces.length / 3;
        double[][] lo = new double[f][3];
        double[][] hi = new double[f][3];
        double[][][] tri = new double[f][3][];
        for (int t = 0; t < f; t++) {
            for (int c = 0; c < 3; c++) {
                tri[t][c] = p(v, faces[3 * t + c]);
            }
            for (int k = 0; k < 3; k++) {
                lo[t][k] = Math.min(tri[t][0][k], Math.min(tri[t][1][k], tri[t][2][k]));
                hi[t][k] = Math.max(tri[t][0][k], Math.max(tri[t][1][k], tri[t][2][k]));
            }
        }
        List<String> hits = new ArrayList<>();
        for (int i = 0; i < f; i++) {
            for (int j = i + 1; j < f; j++) {
                if (hi[i][0] < lo[j][0] || hi[j][0] < lo[i][0] || hi[i][1] < lo[j][1] || hi[j][1] < lo[i][1]
                    || hi[i][2] < lo[j][2] || hi[j][2] < lo[i][2]) {
                    continue;
                }
                if (shareVertex(faces, i, j)) {
                    continue;
                }
                if (trianglesIntersect(tri[i], tri[j])) {
                    hits.add(i + "," + j);
                    if (hits.size() >= limit) {
                        return hits;
                    }
                }
            }
        }
        return hits;
    }

    private static boolean shareVertex(int[] faces, int i, int j) {
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                if (faces[3 * i + a] == faces[3 * j + b]) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean trianglesIntersect(double[][] t1, double[][] t2) {
        List<double[]> axes = new ArrayList<>();
        axes.add(Vec3Arrays.cross(Vec3Arrays.sub(t1[1], t1[0]), Vec3Arrays.sub(t1[2], t1[0])));
        axes.add(Vec3Arrays.cross(Vec3Arrays.sub(t2[1], t2[0]), Vec3Arrays.sub(t2[2], t2[0])));
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                axes.add(Vec3Arrays.cross(Vec3Arrays.sub(t1[(a + 1) % 3], t1[a]),
                    Vec3Arrays.sub(t2[(b + 1) % 3], t2[b])));
            }
        }
        // In-plane edge normals separate coplanar triangles, for which the axes above degenerate.
        for (int a = 0; a < 3; a++) {
            axes.add(Vec3Arrays.cross(axes.get(0), Vec3Arrays.sub(t1[(a + 1) % 3], t1[a])));
            axes.add(Vec3Arrays.cross(axes.get(1), Vec3Arrays.sub(t2[(a + 1) % 3], t2[a])));
        }
        for (double[] axis : axes) {
            double n = Vec3Arrays.norm(axis);
            if (n < 1e-18) {
                continue;
            }
            double min1 = Double.MAX_VALUE, max1 = -Double.MAX_VALUE, min2 = Double.MAX_VALUE, max2 = -Double.MAX_VALUE;
            for (int c = 0; c < 3; c++) {
                double d1 = Vec3Arrays.dot(axis, t1[c]) / n;
                double d2 = Vec3Arrays.dot(axis, t2[c]) / n;
                min1 = Math.min(min1, d1);
                max1 = Math.max(max1, d1);
                min2 = Math.min(min2, d2);
                max2 = Math.max(max2, d2);
            }
            if (max1 < min2 - 1e-12 || max2 < min1 - 1e-12) {
                return false;
            }
        }
        return true;
    }

    static double[] p(double[] v, int i) {
        return new double[] {v[3 * i], v[3 * i + 1], v[3 * i + 2]};
    }
}
