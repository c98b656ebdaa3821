package org.ambidex.render.soft.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.render.soft.FaceLighting;
import org.ambidex.render.soft.SoftRasterSettings;
import org.ambidex.render.soft.SoftRasterizer;
import org.ambidex.render.soft.SoftRendering;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The soft rasteriser at S2HAND's setting (224 x 224, {@link SoftRasterSettings#s2hand()}) on {@code batch} hand
 * meshes (the open hand model's 778 vertices and 1538 faces, each sample moved a little, filling about a third of
 * the crop), with per-face colours lit by {@link FaceLighting}: {@code forward} renders; {@code forwardBackward}
 * also back-propagates a weighted sum of the image, silhouette and depth to the vertices, colours and lights (time
 * per batch).
 *
 * <pre>
 * ./mvnw -q -Pbench test-compile exec:exec -Dbench='SoftRasterizerBench -f 1 -wi 2 -i 5'
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class SoftRasterizerBench {

    @Param({"1", "32"})
    int batch;

    private NDManager manager;
    private NDArray vertices;
    private NDArray colours;
    private NDArray lights;
    private NDArray intrinsics;
    private int[] faces;
    private final SoftRasterizer rasterizer = new SoftRasterizer(SoftRasterSettings.s2hand());

    @Setup(Level.Trial)
    public void setUp() {
        HandModel hand = HandModelLoader.resolve("open", HandSide.RIGHT, false);
        faces = hand.faces().toIntArray();
        double[] t = hand.vTemplate().toDoubleArray();
        int v = t.length / 3;
        int f = faces.length / 3;
        double[] mean = new double[3];
        for (int i = 0; i < t.length; i++) {
            mean[i % 3] += t[i] / v;
        }
        SplittableRandom r = new SplittableRandom(5);
        float[] p = new float[batch * t.length];
        for (int b = 0; b < batch; b++) {
            double dx = r.nextDouble(-0.02, 0.02);
            double dy = r.nextDouble(-0.02, 0.02);
            for (int i = 0; i < t.length; i += 3) {
                double x = t[i] - mean[0];
                double y = t[i + 1] - mean[1];
                double z = t[i + 2] - mean[2];
                p[b * t.length + i] = (float) (x + dx);
                p[b * t.length + i + 1] = (float) (0.2 * y - 0.98 * z + dy);
                p[b * t.length + i + 2] = (float) (0.98 * y + 0.2 * z + 0.5);
            }
        }
        manager = NDManager.newBaseManager();
        vertices = manager.create(p, new Shape(batch, v, 3));
        float[] c = new float[batch * f * 3];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) r.nextDouble(-1, 1);
        }
        colours = manager.create(c, new Shape(batch, f, 3));
        float[] l = new float[batch * 11];
        for (int i = 0; i < l.length; i++) {
            l[i] = (float) r.nextDouble(0.2, 1);
        }
        lights = manager.create(l, new Shape(batch, 11));
        float[] k = new float[batch * 9];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(new float[] {480, 0, 112, 0, 480, 112, 0, 0, 1}, 0, k, 9 * b, 9);
        }
        intrinsics = manager.create(k, new Shape(batch, 3, 3));
    }

    @Benchmark
    public float forward() {
        try (NDManager m = manager.newSubManager()) {
            SoftRendering r = render(m, false);
            return r.rgb().sum().getFloat();
        }
    }

    @Benchmark
    public float forwardBackward() {
        try (NDManager m = manager.newSubManager();
             GradientCollector g = Engine.getInstance().newGradientCollector()) {
            SoftRendering r = render(m, true);
            NDArray loss = r.rgb().mean().add(r.alpha().mean()).add(r.depth().mean());
            g.backward(loss);
            return loss.getFloat();
        }
    }

    private SoftRendering render(NDManager m, boolean gradient) {
        NDArray v = vertices.duplicate();
        NDArray c = colours.duplicate();
        NDArray l = lights.duplicate();
        v.attach(m);
        c.attach(m);
        l.attach(m);
        if (gradient) {
            v.setRequiresGradient(true);
            c.setRequiresGradient(true);
            l.setRequiresGradient(true);
        }
        NDArray lit = FaceLighting.shade(v, faces, c.tanh(), l);
        return rasterizer.render(v, faces, lit, intrinsics);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
