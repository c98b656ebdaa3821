package org.ambidex.nets.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ambidex.nets.InterNetConfig;
import org.ambidex.nets.InterNetModel;
import org.ambidex.nets.InterNetPrediction;
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
 * The published InterNet (ResNet-50, 256 x 256 input) on the CPU: network forward and hard-argmax decoding for a
 * batch of {@code batch} crops (time per batch; images per second = batch / time). Weights are the seeded training
 * initialisation (speed does not depend on their values). PyTorch's own intra-op threads.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench='InterNetBench -f 1 -wi 2 -i 5'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class InterNetBench {

    @Param({"1", "8"})
    int batch;

    /** PyTorch intra-op threads; 0 keeps PyTorch's default (to compare with a Python run at the same count). */
    @Param({"0"})
    int threads;

    private InterNetModel model;
    private float[] input;

    @Setup(Level.Trial)
    public void setUp() {
        if (threads > 0) {
            org.ambidex.nets.Threads.set(threads);
        }
        model = InterNetModel.initialised(InterNetConfig.DEFAULT, 1);
        // as `--model internet:` opens it to predict
        model.network().resnet().foldBatchNorms(model.manager());
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
    public InterNetPrediction forwardAndDecode() {
        return model.predict(input, batch).get(0);
    }
}
