package org.ambidex.nets.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ambidex.nets.zhang.ZhangModel;
import org.ambidex.nets.zhang.ZhangPrediction;
import org.ambidex.nets.zhang.ZhangVariant;
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
 * Zhang et al. v2 (the published shape: InterNet, the BN-less mesh ResNet-50, three cascaded stages, both MANO
 * layers) on the CPU: one forward pass of {@code batch} 256 x 256 inputs in evaluation mode, the heat-map argmax
 * and the copy of the outputs (time per batch). Random weights (speed does not depend on their values). The same
 * work in PyTorch: src/test/python/zhang_speed.py.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench='ZhangBench -f 1 -wi 1 -i 3 -p batch=1 -p threads=1'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class ZhangBench {

    @Param({"1", "4"})
    int batch;

    /** PyTorch intra-op threads; 0 keeps PyTorch's default (to compare with a Python run at the same count). */
    @Param({"0"})
    int threads;

    private ZhangModel model;
    private float[] input;

    @Setup(Level.Trial)
    public void setUp() {
        if (threads > 0) {
            org.ambidex.nets.Threads.set(threads);
        }
        model = ZhangModel.random(ZhangVariant.V2, 1);
        // as `--model zhang:` opens it to predict
        model.network().interNet().resnet().foldBatchNorms(model.manager());
        input = new float[batch * 3 * 256 * 256];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) r.nextDouble();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    @Benchmark
    public ZhangPrediction forward() {
        return model.predict(input, batch).get(0);
    }
}
