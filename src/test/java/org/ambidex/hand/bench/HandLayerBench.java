package org.ambidex.hand.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.JointOrder;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward pass of the hand layer (MANO topology: 778 vertices, 10 betas, 45 axis-angle finger values,
 * translation), float32 on the CPU, for batch 1 and batch 256, with PyTorch's default intra-op threads and
 * with one thread. Reads the results back to Java arrays, as a caller would, so the time includes the whole
 * computation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
@State(Scope.Benchmark)
public class HandLayerBench {

    @Param({"1", "256"})
    public int batch;

    /** PyTorch intra-op threads; 0 keeps PyTorch's default (one per core). */
    @Param({"0", "1"})
    public int threads;

    private NDManager manager;
    private HandLayer layer;
    private HandParams params;

    @Setup(Level.Trial)
    public void setUp() throws URISyntaxException {
        Path file = Path.of(HandLayerBench.class.getResource("/fixtures/mano-format/MANO_RIGHT.npz").toURI());
        HandModel model = HandModelLoader.load(file, null, true);
        manager = NDManager.newBaseManager("PyTorch");
        if (threads > 0) {
            // Process-wide setting; JMH runs each parameter set in its own fork.
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
        layer = new HandLayer(model, manager, DataType.FLOAT32);
        Random r = new Random(42);
        params = new HandParams(manager.create(gaussian(r, batch * 10, 1), new Shape(batch, 10)),
            manager.create(gaussian(r, batch * 3, 1), new Shape(batch, 3)),
            manager.create(gaussian(r, batch * 45, 0.3f), new Shape(batch, 45)), HandPoseKind.AXIS_ANGLE,
            manager.create(gaussian(r, batch * 3, 0.1f), new Shape(batch, 3)), false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        layer.close();
        manager.close();
    }

    @Benchmark
    public float forward() {
        try (HandOutput out = layer.forward(params, FingertipSet.INTAGHAND, JointOrder.OPENPOSE)) {
            float[] v = out.vertices().toFloatArray();
            float[] k = out.keypoints().toFloatArray();
            return v[v.length - 1] + k[0];
        }
    }

    private static float[] gaussian(Random r, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian() * scale;
        }
        return a;
    }
}
