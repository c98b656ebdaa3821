package org.ambidex.nets.dir.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ambidex.nets.dir.DirModel;
import org.ambidex.nets.dir.DirPrediction;
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
 * DIR's forward pass (the published shape) on the CPU for a batch of {@code batch} normalised crops, decoded to
 * {@link DirPrediction}s (time per batch). Weights: a checkpoint written by src/test/python/dir_reference.py
 * ({@code checkpoint}; speed does not depend on the values).
 *
 * <pre>
 * /usr/bin/python3 src/test/python/dir_reference.py net /tmp/dir-bench 64 256 128 64 11 \
 *     src/test/resources/fixtures/nets/tiny-internet/hands.png 30,20,90,60
 * ./mvnw -q -Pbench test-compile exec:exec -Dbench='DirBench -f 1 -wi 2 -i 5 -p threads=1'
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class DirBench {

    @Param({"1", "8"})
    int batch;

    /** PyTorch intra-op threads; 0 keeps PyTorch's default. */
    @Param({"0"})
    int threads;

    @Param({"/tmp/dir-bench/DIR.pth"})
    String checkpoint;

    private DirModel model;
    private float[] input;

    @Setup(Level.Trial)
    public void setUp() {
        if (threads > 0) {
            org.ambidex.nets.Threads.set(threads);
        }
        model = DirModel.load(Path.of(checkpoint));
        // as `--model dir:` opens it to predict
        model.network().foldBatchNorms(model.manager());
        input = new float[batch * 3 * 256 * 256];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (r.nextDouble() * 4 - 2);
        }
    }

    @Benchmark
    public List<DirPrediction> forward() {
        return model.predict(input, batch);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    /**
     * Thread CPU time per batch (median of {@code runs} after 2 warm-up calls), which a shared machine disturbs
     * less than wall time: {@code java -cp ... DirBench CHECKPOINT BATCH RUNS} (one intra-op thread, the caller's).
     */
    public static void main(String[] args) {
        DirBench b = new DirBench();
        b.checkpoint = args[0];
        b.batch = Integer.parseInt(args[1]);
        b.threads = 1;
        int runs = Integer.parseInt(args[2]);
        b.setUp();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] cpu = new long[runs];
        long[] wall = new long[runs];
        for (int i = 0; i < runs + 2; i++) {
            long c = mx.getCurrentThreadCpuTime();
            long w = System.nanoTime();
            b.forward();
            if (i >= 2) {
                cpu[i - 2] = mx.getCurrentThreadCpuTime() - c;
                wall[i - 2] = System.nanoTime() - w;
            }
        }
        b.tearDown();
        java.util.Arrays.sort(cpu);
        java.util.Arrays.sort(wall);
        System.out.printf("batch %d: median thread CPU %.0f ms, wall %.0f ms per batch%n", b.batch,
            cpu[runs / 2] / 1e6, wall[runs / 2] / 1e6);
    }
}
