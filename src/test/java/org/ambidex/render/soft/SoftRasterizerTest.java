package org.ambidex.render.soft;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.Rgb;
import org.ambidex.render.Lighting;
import org.ambidex.render.Mask;
import org.ambidex.render.RenderResult;
import org.ambidex.render.Renderer;
import org.ambidex.render.Scene;
import org.ambidex.render.SceneMesh;
import org.junit.jupiter.api.Test;

/**
 * The soft rasteriser against ambidex's hard rasteriser on the open hand model's mesh (sharp settings: the same
 * silhouette except at edge pixels, the same depth inside), and its gradients against central finite differences
 * (float64, soft settings) for the vertices, the face colours and the lights.
 */
class SoftRasterizerTest {

    private static final double FOCAL = 480;

    /** The open hand model's rest mesh turned palm to the camera and put 0.45 m in front of it, metres. */
    private static double[] handMesh(HandModel hand) {
        double[] t = hand.vTemplate().toDoubleArray();
        double[] mean = new double[3];
        for (int i = 0; i < t.length; i++) {
            mean[i % 3] += t[i] / (t.length / 3);
        }
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i += 3) {
            // a quarter turn about x and a little about y, so that fingers overlap the palm somewhat
            double x = t[i] - mean[0];
            double y = t[i + 1] - mean[1];
            double z = t[i + 2] - mean[2];
            double y1 = 0.2 * y - 0.98 * z;
            double z1 = 0.98 * y + 0.2 * z;
            out[i] = 0.9 * x + 0.44 * z1;
            out[i + 1] = y1;
            out[i + 2] = -0.44 * x + 0.9 * z1 + 0.45;
        }
        return out;
    }

    @Test
    void sharpForwardMatchesTheHardRasteriser() {
        HandModel hand = HandModelLoader.resolve("open", HandSide.RIGHT, false);
        double[] positions = handMesh(hand);
        int[] faces = hand.faces().toIntArray();
        int side = 224;
        // The hard rasteriser's pixel centres are at integers, neural_renderer's (and this one's) at j + 1/2.
        RenderResult hard = Renderer.render(new Scene(List.of(new SceneMesh(Mesh.of("hand", positions, faces),
            new Rgb(1, 1, 1))), Camera.atOrigin(new Intrinsics(FOCAL, FOCAL, 112 - 0.5, 112 - 0.5)), side, side, null,
            new Rgb(0, 0, 0), 1, 1, Lighting.FLAT));
        Mask mask = hard.mask(0);
        SoftRasterizer soft = new SoftRasterizer(SoftRasterSettings.s2hand().sharp());
        try (NDManager m = NDManager.newBaseManager()) {
            int f = faces.length / 3;
            NDArray v = m.create(toFloat(positions), new Shape(1, positions.length / 3, 3));
            NDArray colours = m.ones(new Shape(1, f, 3)).mul(m.create(new float[] {0.2f, 0.5f, 0.7f}));
            SoftRendering r = soft.render(v, faces, colours, intrinsics(m, FOCAL, 112));
            float[] alpha = r.alpha().toFloatArray();
            float[] depth = r.depth().toFloatArray();
            float[] rgb = r.rgb().toFloatArray();
            float[] covered = r.covered().toFloatArray();
            int differ = 0;
            int notAtEdge = 0;
            int inside = 0;
            int occlusion = 0;
            double worstDepth = 0;
            double worstColour = 0;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean h = mask.contains(x, y);
                    boolean s = alpha[y * side + x] > 0.5;
                    if (h != s) {
                        differ++;
                        if (!atEdge(mask, x, y)) {
                            notAtEdge++;
                        }
                    }
                    if (h && !atEdge(mask, x, y)) {
                        inside++;
                        assertThat(covered[y * side + x]).isEqualTo(1f);
                        if (atOcclusion(hard, x, y)) {
                            occlusion++;
                            continue;
                        }
                        worstDepth = Math.max(worstDepth, Math.abs(depth[y * side + x] - hard.depth().at(x, y)));
                        worstColour = Math.max(worstColour, Math.abs(rgb[side * side + y * side + x] - 0.5));
                    }
                    if (!h && !atEdge(mask, x, y)) {
                        assertThat(covered[y * side + x]).isEqualTo(0f);
                        assertThat(rgb[y * side + x]).isEqualTo(1f);
                    }
                }
            }
            System.out.printf("soft vs hard at 224 px: %d interior pixels, %d silhouette pixels differ (%d not at an"
                + " edge), depth within %.2e m and colour within %.2e away from %d occlusion pixels%n", inside, differ,
                notAtEdge, worstDepth, worstColour, occlusion);
            assertThat(inside).isGreaterThan(3000);
            assertThat(notAtEdge).isZero();
            assertThat(differ).isLessThan(inside / 20);
            assertThat(worstDepth).isLessThan(1e-3);
            assertThat(worstColour).isLessThan(1e-3);
            assertThat(occlusion).isLessThan(inside / 10);
        }
    }

    /** A pixel with a 4-neighbour on the other side of the mask. */
    private static boolean atEdge(Mask mask, int x, int y) {
        boolean h = mask.contains(x, y);
        int[][] around = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (int[] d : around) {
            int nx = x + d[0];
            int ny = y + d[1];
            if (nx >= 0 && ny >= 0 && nx < mask.width() && ny < mask.height() && mask.contains(nx, ny) != h) {
                return true;
            }
        }
        return false;
    }

    /**
     * A pixel beside an occlusion edge (a 4-neighbour more than 2 mm nearer or farther): there a face just outside
     * the pixel but nearer still weighs in the blend.
     */
    private static boolean atOcclusion(RenderResult hard, int x, int y) {
        int[][] around = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (int[] d : around) {
            int nx = x + d[0];
            int ny = y + d[1];
            if (nx >= 0 && ny >= 0 && nx < hard.depth().width() && ny < hard.depth().height()
                && Math.abs(hard.depth().at(nx, ny) - hard.depth().at(x, y)) > 2e-3) {
                return true;
            }
        }
        return false;
    }

    /** Five vertices, three faces overlapping in depth, on a 20-pixel image. */
    private static final double[] SMALL = {
        -0.20, -0.15, 1.00, 0.22, -0.18, 1.05, 0.02, 0.21, 0.95, -0.10, 0.05, 0.98, 0.18, 0.12, 1.02};
    private static final int[] SMALL_FACES = {0, 1, 2, 0, 3, 4, 1, 4, 3};

    @Test
    void gradientsMatchFiniteDifferences() {
        Random random = new Random(3);
        double[] colours = new double[SMALL_FACES.length];
        for (int i = 0; i < colours.length; i++) {
            colours[i] = random.nextDouble() - 0.5;
        }
        double[] lights = {0.6, 0.5, 0.9, 0.8, 0.7, 0.6, 0.9, 0.8, 0.3, -0.4, -0.8};
        int side = 20;
        double[] wRgb = randoms(random, 3 * side * side);
        double[] wAlpha = randoms(random, side * side);
        double[] wDepth = randoms(random, side * side);
        SoftRasterizer soft = new SoftRasterizer(new SoftRasterSettings(side, 1.5, 3e-3, 0.1, 10,
            new double[] {1, 1, 1}, 8, 1e-6));
        double[][] inputs = {SMALL.clone(), colours, lights};
        try (NDManager m = NDManager.newBaseManager()) {
            double[][] analytic = new double[3][];
            try (GradientCollector g = Engine.getInstance().newGradientCollector()) {
                NDArray[] arrays = arrays(m, inputs);
                for (NDArray a : arrays) {
                    a.setRequiresGradient(true);
                }
                NDArray loss = loss(m, soft, arrays, wRgb, wAlpha, wDepth);
                g.backward(loss);
                for (int i = 0; i < 3; i++) {
                    analytic[i] = arrays[i].getGradient().toDoubleArray();
                }
            }
            double h = 1e-6;
            double worst = 0;
            double scale = 0;
            for (int which = 0; which < 3; which++) {
                for (int i = 0; i < inputs[which].length; i++) {
                    double keep = inputs[which][i];
                    inputs[which][i] = keep + h;
                    double up = loss(m, soft, arrays(m, inputs), wRgb, wAlpha, wDepth).getDouble();
                    inputs[which][i] = keep - h;
                    double down = loss(m, soft, arrays(m, inputs), wRgb, wAlpha, wDepth).getDouble();
                    inputs[which][i] = keep;
                    double numeric = (up - down) / (2 * h);
                    worst = Math.max(worst, Math.abs(numeric - analytic[which][i]));
                    scale = Math.max(scale, Math.abs(numeric));
                }
            }
            System.out.printf("soft rasteriser gradients: largest %.3e, worst difference from central differences"
                + " %.3e%n", scale, worst);
            assertThat(scale).isGreaterThan(1);
            assertThat(worst).isLessThan(1e-5 * scale);
        }
    }

    private static NDArray[] arrays(NDManager m, double[][] inputs) {
        return new NDArray[] {
            m.create(inputs[0], new Shape(1, 5, 3)),
            m.create(inputs[1], new Shape(1, 3, 3)),
            m.create(inputs[2], new Shape(1, 11))};
    }

    private static NDArray loss(NDManager m, SoftRasterizer soft, NDArray[] in, double[] wRgb, double[] wAlpha,
                                double[] wDepth) {
        NDArray lit = FaceLighting.shade(in[0], SMALL_FACES, in[1].tanh(), in[2]);
        SoftRendering r = soft.render(in[0], SMALL_FACES, lit, intrinsics(m, 20 / 0.5, 10).toType(DataType.FLOAT64,
            false));
        int side = 20;
        return r.rgb().mul(m.create(wRgb, new Shape(1, 3, side, side))).sum()
            .add(r.alpha().mul(m.create(wAlpha, new Shape(1, side, side))).sum())
            .add(r.depth().mul(m.create(wDepth, new Shape(1, side, side))).sum());
    }

    private static NDArray intrinsics(NDManager m, double focal, double centre) {
        return m.create(new float[] {(float) focal, 0, (float) centre, 0, (float) focal, (float) centre, 0, 0, 1},
            new Shape(1, 3, 3));
    }

    private static double[] randoms(Random random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextGaussian();
        }
        return out;
    }

    private static float[] toFloat(double[] d) {
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }
}
