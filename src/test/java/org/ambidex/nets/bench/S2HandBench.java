package org.ambidex.nets.bench;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.s2hand.S2HandModel;
import org.ambidex.nets.s2hand.S2HandPrediction;
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
 * S2HAND's forward on the CPU as the reference's {@code predict_singleview} runs it for 3-D output: EfficientNet-B3,
 * regressors, MANO (the structurally exact random fixture, same sizes as the official file), texture and light head,
 * for a batch of {@code batch} 224-pixel crops (time per batch). Seeded random weights.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench='S2HandBench -f 1 -wi 3 -i 5'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class S2HandBench {

    @Param({"1", "8"})
    int batch;

    /** PyTorch intra-op threads; 0 keeps PyTorch's default. */
    @Param({"1"})
    int threads;

    private S2HandModel model;
    private float[] input;

    @Setup(Level.Trial)
    public void setUp() {
        if (threads > 0) {
            org.ambidex.nets.Threads.set(threads);
        }
        model = S2HandModel.initialised(HandModelLoader.load(
            Path.of("src/test/resources/fixtures/mano-format/MANO_RIGHT.pkl"), HandSide.RIGHT, false), 1);
        input = new float[batch * 3 * 224 * 224];
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
    public S2HandPrediction forward() {
        return model.predict(input, batch).get(0);
    }
}
