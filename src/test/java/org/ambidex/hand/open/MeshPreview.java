package org.ambidex.hand.open;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A minimal z-buffered, flat-shaded orthographic preview of triangle meshes, for looking at the generator's
 * output while developing it (tests write previews only when {@code -Dopenhand.previews=DIR} is given).
 */
final class MeshPreview {

    private MeshPreview() {
    }

    /**
     * Renders meshes seen along {@code -view} with {@code up} upwards into a PNG.
     *
     * @param meshes pairs of (vertices V*3, faces F*3)
     */
    static void write(Path file, int size, double[] view, double[] up, double[][] vertexSets, int[][] faceSets)
        throws IOException {
        sheet(file, size, new double[][] {view}, new double[][] {up}, vertexSets, faceSets);
    }

    /** Several views side by side in one PNG. */
    static void sheet(Path file, int size, double[][] views, double[][] ups, double[][] vertexSets, int[][] faceSets)
        throws IOException {
        BufferedImage sheet = new BufferedImage(size * views.length, size, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < views.length; i++) {
            BufferedImage one = render(size, views[i], ups[i], vertexSets, faceSets);
            sheet.getGraphics().drawImage(one, i * size, 0, null);
        }
        ImageIO.write(sheet, "png", file.toFile());
    }

    static BufferedImage render(int size, double[] view, double[] up, double[][] vertexSets, int[][] faceSets) {
        double[] w = unit(view);
        double[] u = unit(cross(up, w));
        double[] v = cross(w, u);
        double minU = Double.MAX_VALUE, maxU = -Double.MAX_VALUE, minV = Double.MAX_VALUE, maxV = -Double.MAX_VALUE;
        for (double[] vs : vertexSets) {
            for (int i = 0; i < vs.length; i += 3) {
                double pu = vs[i] * u[0] + vs[i + 1] * u[1] + vs[i + 2] * u[2];
                double pv = vs[i] * v[0] + vs[i + 1] * v[1] + vs[i + 2] * v[2];
                minU = Math.min(minU, pu);
                maxU = Math.max(maxU, pu);
                minV = Math.min(minV, pv);
                maxV = Math.max(maxV, pv);
            }
        }
        double scale = 0.9 * size / Math.max(maxU - minU, maxV - minV);
        double cu = 0.5 * (minU + maxU);
        double cv = 0.5 * (minV + maxV);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        double[] depth = new double[size * size];
        java.util.Arrays.fill(depth, -Double.MAX_VALUE);
        for (int p = 0; p < size * size; p++) {
            image.setRGB(p % size, p / size, 0xf4f4f0);
        }
        double[] light = unit(new double[] {w[0] + 0.4 * v[0] + 0.3 * u[0], w[1] + 0.4 * v[1] + 0.3 * u[1],
            w[2] + 0.4 * v[2] + 0.3 * u[2]});
        int[] colours = {0xd9a066, 0x8fb3d9};
        for (int m = 0; m < vertexSets.length; m++) {
            double[] vs = vertexSets[m];
            int[] fs = faceSets[m];
            for (int f = 0; f < fs.length; f += 3) {
                double[][] screen = new double[3][];
                double[][] world = new double[3][];
                for (int c = 0; c < 3; c++) {
                    int i = fs[f + c] * 3;
                    world[c] = new double[] {vs[i], vs[i + 1], vs[i + 2]};
                    double pu = dot(world[c], u);
                    double pv = dot(world[c], v);
                    screen[c] = new double[] {(pu - cu) * scale + size / 2.0, size / 2.0 - (pv - cv) * scale,
                        dot(world[c], w)};
                }
                double[] n = cross(sub(world[1], world[0]), sub(world[2], world[0]));
                double len = Math.sqrt(dot(n, n));
                if (len == 0) {
                    continue;
                }
                double shade = dot(n, light) / len;
                boolean back = dot(n, w) < 0;
                double intensity = back ? 0.25 : 0.35 + 0.65 * Math.max(0, shade);
                int base = back ? 0xff00ff : colours[m % colours.length];
                int rgb = (int) (((base >> 16) & 255) * intensity) << 16 | (int) (((base >> 8) & 255) * intensity) << 8
                    | (int) ((base & 255) * intensity);
                fill(image, depth, size, screen, rgb);
            }
        }
        return image;
    }

    private static void fill(BufferedImage image, double[] depth, int size, double[][] s, int rgb) {
        int x0 = (int) Math.max(0, Math.floor(Math.min(s[0][0], Math.min(s[1][0], s[2][0]))));
        int x1 = (int) Math.min(size - 1, Math.ceil(Math.max(s[0][0], Math.max(s[1][0], s[2][0]))));
        int y0 = (int) Math.max(0, Math.floor(Math.min(s[0][1], Math.min(s[1][1], s[2][1]))));
        int y1 = (int) Math.min(size - 1, Math.ceil(Math.max(s[0][1], Math.max(s[1][1], s[2][1]))));
        double area = edge(s[0], s[1], s[2][0], s[2][1]);
        if (area == 0) {
            return;
        }
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                double a = edge(s[1], s[2], px, py) / area;
                double b = edge(s[2], s[0], px, py) / area;
                double c = 1 - a - b;
                if (a < 0 || b < 0 || c < 0) {
                    continue;
                }
                double z = a * s[0][2] + b * s[1][2] + c * s[2][2];
                if (z > depth[y * size + x]) {
                    depth[y * size + x] = z;
                    image.setRGB(x, y, rgb);
                }
            }
        }
    }

    private static double edge(double[] a, double[] b, double x, double y) {
        return (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] unit(double[] a) {
        double n = Math.sqrt(dot(a, a));
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
