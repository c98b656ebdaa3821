package org.ambidex.train.dir;

/**
 * The segmentation and dense-map targets DIR trains its decoder heads on, drawn from the two ground-truth meshes
 * in the crop. The reference reads them from images rendered offline by IntagHand's data preparation (a mask
 * whose green channel is the left hand and red the right, and a dense map coloured per vertex); here each is
 * rasterised directly: one sample per pixel at its integer coordinates (OpenCV's pixel-centre convention, as the
 * crop's affine map uses), the nearest surface wins, no anti-aliasing and no JPEG compression.
 */
public final class DirTargetMaps {

    /** Label of a left-hand pixel (the reference's {@code seg}: 0 background, 1 left, 2 right). */
    public static final int LEFT = 1;
    /** Label of a right-hand pixel. */
    public static final int RIGHT = 2;

    private DirTargetMaps() {
    }

    /**
     * The maps.
     *
     * @param labels (S x S) 0, 1 or 2, row-major
     * @param dense (3, S, S) colour of the nearest surface in [0, 1], planar; 0 on the background
     */
    public record Maps(float[] labels, float[] dense) {
    }

    /**
     * Rasterises both hands.
     *
     * @param size the crop side S, pixels
     * @param pixels per hand (0 right, 1 left) the vertices in crop pixels {@code [x0, y0, x1, y1, ...]}
     * @param depth per hand the vertices' camera depths (any unit, the same for both hands)
     * @param colour per hand each vertex's dense-map colour {@code [r0, g0, b0, ...]} in [0, 1]
     * @param faces per hand the triangles (F x 3 vertex indices)
     */
    public static Maps draw(int size, double[][] pixels, double[][] depth, float[][] colour, int[][] faces) {
        int plane = size * size;
        float[] labels = new float[plane];
        float[] dense = new float[3 * plane];
        double[] zbuf = new double[plane];
        java.util.Arrays.fill(zbuf, Double.POSITIVE_INFINITY);
        for (int h = 0; h < 2; h++) {
            float label = h == 0 ? RIGHT : LEFT;
            double[] p = pixels[h];
            double[] z = depth[h];
            float[] c = colour[h];
            int[] f = faces[h];
            for (int t = 0; t < f.length / 3; t++) {
                int a = f[3 * t];
                int b = f[3 * t + 1];
                int d = f[3 * t + 2];
                double ax = p[2 * a];
                double ay = p[2 * a + 1];
                double bx = p[2 * b];
                double by = p[2 * b + 1];
                double dx = p[2 * d];
                double dy = p[2 * d + 1];
                double area = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
                if (area == 0 || !Double.isFinite(area)) {
                    continue;
                }
                int x0 = Math.max(0, (int) Math.ceil(Math.min(ax, Math.min(bx, dx))));
                int x1 = Math.min(size - 1, (int) Math.floor(Math.max(ax, Math.max(bx, dx))));
                int y0 = Math.max(0, (int) Math.ceil(Math.min(ay, Math.min(by, dy))));
                int y1 = Math.min(size - 1, (int) Math.floor(Math.max(ay, Math.max(by, dy))));
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        // Barycentric weights of the pixel; both windings are accepted (no back-face culling).
                        double wa = ((bx - x) * (dy - y) - (by - y) * (dx - x)) / area;
                        double wb = ((dx - x) * (ay - y) - (dy - y) * (ax - x)) / area;
                        double wd = 1 - wa - wb;
                        if (wa < 0 || wb < 0 || wd < 0) {
                            continue;
                        }
                        double zz = wa * z[a] + wb * z[b] + wd * z[d];
                        int i = y * size + x;
                        if (!(zz < zbuf[i])) {
                            continue;
                        }
                        zbuf[i] = zz;
                        labels[i] = label;
                        for (int k = 0; k < 3; k++) {
                            dense[k * plane + i] = (float) (wa * c[3 * a + k] + wb * c[3 * b + k] + wd * c[3 * d + k]);
                        }
                    }
                }
            }
        }
        return new Maps(labels, dense);
    }
}
