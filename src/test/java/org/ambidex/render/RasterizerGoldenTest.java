package org.ambidex.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Vec3;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.Shapes;
import org.junit.jupiter.api.Test;

/**
 * Coverage and depth of analytic shapes against expectations computed independently of the rasterizer: pixel
 * centres at integer coordinates, inside = strictly inside or on a top or left edge (y down).
 */
class RasterizerGoldenTest {

    private static Scene scene(Intrinsics k, int w, int h, int s, Mesh... meshes) {
        Scene scene = Scene.of(Camera.atOrigin(k), w, h).withSupersampling(s).withLighting(Lighting.FLAT);
        for (Mesh m : meshes) {
            scene = scene.withMesh(m, Palette.NEUTRAL);
        }
        return scene;
    }

    /** A quad in the plane z = depth whose image is the pixel rectangle [u0, u1] x [v0, v1]. */
    private static Mesh screenQuad(Intrinsics k, double depth, double u0, double u1, double v0, double v1) {
        Vec3 a = k.unproject(u0, v0, depth);
        Vec3 b = k.unproject(u1, v0, depth);
        Vec3 c = k.unproject(u1, v1, depth);
        Vec3 d = k.unproject(u0, v1, depth);
        double[] p = {a.x(), a.y(), a.z(), b.x(), b.y(), b.z(), c.x(), c.y(), c.z(), d.x(), d.y(), d.z()};
        return Mesh.of("quad", p, new int[] {0, 1, 2, 0, 2, 3});
    }

    /** Pixel centres x with {@code lo < x < hi}, or {@code x == lo} (left/top edge), never {@code x == hi}. */
    private static int firstInside(double lo) {
        return (int) Math.ceil(lo);
    }

    private static int lastInside(double hi) {
        double f = Math.floor(hi);
        return (int) (f == hi ? f - 1 : f);
    }

    @Test
    void axisAlignedSquaresCoverExactlyTheTopLeftRuleSet() {
        Intrinsics k = new Intrinsics(100, 100, 32, 24);
        double[][] rects = {
            {10.5, 30.5, 20, 40}, // bottom/top on pixel centres
            {10, 30, 20.5, 40.5}, // left/right on pixel centres
            {10, 30, 20, 40}, // all four edges on centres
            {3.25, 17.75, 5.125, 6.875}, // thin, nothing on centres
        };
        for (double[] r : rects) {
            Scene scene = scene(k, 64, 48, 1, screenQuad(k, 1.0, r[0], r[1], r[2], r[3]));
            Renderer.Frame frame = Renderer.render(scene, true);
            int expected = 0;
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    boolean in = x >= firstInside(r[0]) && x <= lastInside(r[1]) && y >= firstInside(r[2])
                        && y <= lastInside(r[3]);
                    expected += in ? 1 : 0;
                    assertThat(frame.rasterizer().coverageCount[y * 64 + x]).as("pixel %d,%d of %s", x, y,
                        java.util.Arrays.toString(r)).isEqualTo(in ? 1 : 0);
                    assertThat(frame.result().mask(0).contains(x, y)).isEqualTo(in);
                    if (in) {
                        assertThat(frame.result().depth().at(x, y)).isCloseTo(1.0, within(1e-12));
                    } else {
                        assertThat(frame.result().depth().at(x, y)).isInfinite();
                    }
                }
            }
            assertThat(frame.result().mask(0).area()).isEqualTo(expected);
        }
    }

    @Test
    void cubeSeenFaceOnCoversItsFrontSquareAtItsDepth() {
        // Front face at z = 1.8, half side 0.2: it projects to u = 50.5 +- 10, v = 50 +- 10.
        Intrinsics k = new Intrinsics(90, 90, 50.5, 50);
        Mesh cube = Shapes.box("cube", 0, 0, 2, 0.4, 0.4, 0.4);
        RenderResult r = Renderer.render(scene(k, 100, 100, 1, cube));
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                boolean in = x >= 41 && x <= 60 && y >= 40 && y <= 59;
                assertThat(r.mask(0).contains(x, y)).as("pixel %d,%d", x, y).isEqualTo(in);
                if (in) {
                    assertThat(r.depth().at(x, y)).isCloseTo(1.8, within(1e-12));
                }
            }
        }
        assertThat(r.mask(0).area()).isEqualTo(400);
    }

    @Test
    void depthOfATiltedPlaneIsPerspectiveCorrect() {
        Intrinsics k = new Intrinsics(120, 110, 40.3, 30.7);
        // Plane z = 1 + 0.8 x (a strong tilt, so linear-in-screen interpolation would be far off).
        double[] p = {-0.5, -0.4, 0.6, 0.5, -0.4, 1.4, 0.5, 0.4, 1.4, -0.5, 0.4, 0.6};
        Mesh plane = Mesh.of("tilted", p, new int[] {0, 1, 2, 0, 2, 3});
        RenderResult r = Renderer.render(scene(k, 80, 60, 1, plane));
        int checked = 0;
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 80; x++) {
                if (!r.mask(0).contains(x, y)) {
                    continue;
                }
                // Ray (a, b, 1) Z meets z = 1 + 0.8 x: Z = 1 / (1 - 0.8 a).
                double a = (x - k.cx()) / k.fx();
                double expected = 1 / (1 - 0.8 * a);
                assertThat(r.depth().at(x, y)).as("pixel %d,%d", x, y).isCloseTo(expected, within(1e-9));
                // The plane's normal, (0.8, 0, -1) normalised, faces the camera.
                assertThat(r.normals().at(x, y, 0)).isCloseTo(0.8 / Math.sqrt(1.64), within(1e-6));
                assertThat(r.normals().at(x, y, 1)).isCloseTo(0, within(1e-6));
                assertThat(r.normals().at(x, y, 2)).isCloseTo(-1 / Math.sqrt(1.64), within(1e-6));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void convexClosedMeshesAreWatertight() {
        // Every sample inside the silhouette of a closed convex mesh is covered exactly twice (front and
        // back), every other sample never: a crack or a doubly drawn edge would break this.
        Intrinsics k = new Intrinsics(300, 300, 64, 64);
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 4; trial++) {
            Mesh sphere = Shapes.icosphere("s", 0, 0, 0, 0.15, 2);
            Mesh turned = sphere.transformed(rotation(rng.nextDouble() * 6, rng.nextDouble() * 6),
                new Vec3(rng.nextDouble(-0.05, 0.05), rng.nextDouble(-0.05, 0.05), 1));
            Renderer.Frame frame = Renderer.render(scene(k, 128, 128, trial % 2 + 1, turned), true);
            int[] count = frame.rasterizer().coverageCount;
            int twice = 0;
            for (int c : count) {
                assertThat(c).isIn(0, 2);
                twice += c == 2 ? 1 : 0;
            }
            assertThat(twice).isGreaterThan(1000);
        }
    }

    @Test
    void trianglesSharingEdgesTileAPlaneWithNoGapAndNoOverlap() {
        // A 9x7 grid of jittered vertices (off the 1/256 lattice) inside an exact rectangle: each pixel centre
        // of the rectangle (by the top-left rule) is covered by exactly one triangle.
        Intrinsics k = new Intrinsics(200, 200, 50, 40);
        SplittableRandom rng = new SplittableRandom(3);
        double u0 = 7;
        double u1 = 91;
        double v0 = 4.5;
        double v1 = 70;
        int nx = 9;
        int ny = 7;
        double[] p = new double[3 * nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double u = u0 + (u1 - u0) * i / (nx - 1);
                double v = v0 + (v1 - v0) * j / (ny - 1);
                if (i > 0 && i < nx - 1) {
                    u += rng.nextDouble(-3, 3) + 1e-7 * rng.nextDouble();
                }
                if (j > 0 && j < ny - 1) {
                    v += rng.nextDouble(-3, 3);
                }
                double z = 1 + rng.nextDouble(0, 0.2);
                Vec3 q = k.unproject(u, v, z);
                p[3 * (j * nx + i)] = q.x();
                p[3 * (j * nx + i) + 1] = q.y();
                p[3 * (j * nx + i) + 2] = q.z();
            }
        }
        List<Integer> faces = new ArrayList<>();
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                int a = j * nx + i;
                boolean flip = rng.nextBoolean();
                if (flip) {
                    faces.addAll(List.of(a, a + 1, a + nx + 1, a, a + nx + 1, a + nx));
                } else {
                    faces.addAll(List.of(a, a + 1, a + nx, a + 1, a + nx + 1, a + nx));
                }
            }
        }
        Mesh grid = Mesh.of("grid", p, faces.stream().mapToInt(Integer::intValue).toArray());
        Renderer.Frame frame = Renderer.render(scene(k, 100, 80, 1, grid), true);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 100; x++) {
                boolean in = x >= firstInside(u0) && x <= lastInside(u1) && y >= firstInside(v0) && y <= lastInside(v1);
                assertThat(frame.rasterizer().coverageCount[y * 100 + x]).as("pixel %d,%d", x, y)
                    .isEqualTo(in ? 1 : 0);
            }
        }
    }

    @Test
    void silhouetteAreaMatchesTheAnalyticProjectionWithinHalfAPercent() {
        Intrinsics k = new Intrinsics(400, 400, 100, 100);
        Mesh cube = Shapes.box("cube", 0, 0, 0, 0.2, 0.2, 0.2).transformed(rotation(0.6, 0.8), new Vec3(0.01, -0.02, 1));
        Mesh sphere = Shapes.icosphere("sphere", 0.02, 0.01, 1.2, 0.2, 4);
        for (Mesh m : List.of(cube, sphere)) {
            double hull = projectedHullArea(k, m);
            for (int s : new int[] {1, 4}) {
                Mask mask = Renderer.render(scene(k, 200, 200, s, m)).mask(0);
                assertThat((double) mask.area()).as("%s, s=%d", m.name(), s).isCloseTo(hull, within(0.005 * hull));
                assertThat(mask.coveredArea()).as("%s, s=%d", m.name(), s).isCloseTo(hull, within(0.005 * hull));
            }
        }
        // The geodesic sphere's silhouette is also within 0.5% of the true sphere's (a disc of radius
        // f r / sqrt(d^2 - r^2) for a sphere on the optical axis region; here off axis, so compare with the
        // exact ellipse: area = pi f^2 r^2 / ((d^2 - r^2)^{3/2}) * d_z... use an on-axis sphere instead).
        Mesh onAxis = Shapes.icosphere("sphere", 0, 0, 1.2, 0.2, 4);
        double disc = Math.PI * Math.pow(400 * 0.2 / Math.sqrt(1.2 * 1.2 - 0.2 * 0.2), 2);
        Intrinsics centred = new Intrinsics(400, 400, 99.5, 99.5);
        Mask mask = Renderer.render(scene(centred, 200, 200, 4, onAxis)).mask(0);
        assertThat(mask.coveredArea()).isCloseTo(disc, within(0.005 * disc));
    }

    @Test
    void clippingKeepsPlanesThatCrossTheNearPlaneAndTheGuardBand() {
        Intrinsics k = new Intrinsics(50, 50, 31.5, 23.5);
        // A huge wall at z = 2: covers every pixel at exactly depth 2 (clipped by the guard band).
        double big = 1e4;
        Mesh wall = Mesh.of("wall", new double[] {-big, -big, 2, big, -big, 2, big, big, 2, -big, big, 2},
            new int[] {0, 1, 2, 0, 2, 3});
        RenderResult r = Renderer.render(scene(k, 64, 48, 1, wall));
        assertThat(r.mask(0).area()).isEqualTo(64 * 48);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                assertThat(r.depth().at(x, y)).isCloseTo(2, within(1e-12));
            }
        }
        // A floor y = 0.5 running from behind the camera to z = 50: below the horizon every pixel sees it at
        // Z = 0.5 fy / (v - cy) (cut by the far end near the horizon), above it nothing.
        Mesh floor = Mesh.of("floor", new double[] {-100, 0.5, -5, 100, 0.5, -5, 100, 0.5, 50, -100, 0.5, 50},
            new int[] {0, 1, 2, 0, 2, 3});
        r = Renderer.render(scene(k, 64, 48, 1, floor));
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                double v = y - k.cy();
                double z = v > 0 ? 0.5 * k.fy() / v : Double.POSITIVE_INFINITY;
                if (z < 49) {
                    assertThat(r.depth().at(x, y)).as("pixel %d,%d", x, y).isCloseTo(z, within(1e-9 * z));
                } else if (z > 51) {
                    assertThat(r.mask(0).contains(x, y)).isFalse();
                }
            }
        }
    }

    @Test
    void nearerMeshHidesFartherOneAndMasksFollowVisibility() {
        Intrinsics k = new Intrinsics(100, 100, 50, 50);
        Mesh far = screenQuad(k, 2.0, 10, 60, 10, 60).withName("far");
        Mesh near = screenQuad(k, 1.0, 40, 90, 40, 90).withName("near");
        RenderResult r = Renderer.render(scene(k, 100, 100, 1, far, near));
        assertThat(r.mask(1).area()).isEqualTo(50 * 50);
        assertThat(r.mask(0).area()).isEqualTo(50 * 50 - 20 * 20);
        assertThat(r.depth().at(45, 45)).isCloseTo(1, within(1e-12));
        assertThat(r.depth().at(20, 20)).isCloseTo(2, within(1e-12));
    }

    private static Mat3 rotation(double yaw, double pitch) {
        Mat3 ry = Mat3.ofRowMajor(Math.cos(yaw), 0, Math.sin(yaw), 0, 1, 0, -Math.sin(yaw), 0, Math.cos(yaw));
        Mat3 rx = Mat3.ofRowMajor(1, 0, 0, 0, Math.cos(pitch), -Math.sin(pitch), 0, Math.sin(pitch), Math.cos(pitch));
        return rx.times(ry);
    }

    /** Area (pixels^2) of the convex hull of the mesh's projected vertices: its silhouette when convex. */
    static double projectedHullArea(Intrinsics k, Mesh m) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < m.vertexCount(); i++) {
            pts.add(k.project(new Vec3(m.x(i), m.y(i), m.z(i))));
        }
        pts.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
        List<double[]> hull = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            int start = hull.size();
            for (double[] q : pts) {
                while (hull.size() >= start + 2 && cross(hull.get(hull.size() - 2), hull.get(hull.size() - 1), q) <= 0) {
                    hull.remove(hull.size() - 1);
                }
                hull.add(q);
            }
            hull.remove(hull.size() - 1);
            java.util.Collections.reverse(pts);
        }
        double area = 0;
        for (int i = 0; i < hull.size(); i++) {
            double[] a = hull.get(i);
            double[] b = hull.get((i + 1) % hull.size());
            area += a[0] * b[1] - a[1] * b[0];
        }
        return Math.abs(area) / 2;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
