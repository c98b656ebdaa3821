package org.ambidex.nets.twohand.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.twohand.TwoHandConfig;
import org.ambidex.nets.twohand.TwoHandModel;
import org.ambidex.nets.twohand.TwoHandPrediction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * One reconstruction by the default two-hand network ({@link TwoHandConfig#DEFAULT}: ResNet-18 at width 24,
 * 160 px, 3 refinement stages) without file writing: the forward pass, the hand layer of every stage for both
 * hands (MANO, 778 vertices) and the copy of the results to Java arrays, for a batch of {@code batch} crops (time
 * per batch; images per second = batch / time). Weights are a seeded initialisation (speed does not depend on
 * their values). Run it with the PyTorch thread count to compare, e.g. {@code OMP_NUM_THREADS=2}.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench='TwoHandBench -f 1 -wi 3 -i 5'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class TwoHandBench {

    @Param({"1", "8"})
    int batch;

    private TwoHandModel model;
    private float[] input;

    @Setup
    public void setUp() {
        Path mano = Path.of("src/test/resources/fixtures/mano-format");
        HandModel right = HandModelLoader.resolve(mano.toString(), HandSide.RIGHT, true);
        HandModel left = HandModelLoader.resolve(mano.toString(), HandSide.LEFT, true);
        model = TwoHandModel.initialised(TwoHandConfig.DEFAULT, right, left, 1);
        int s = TwoHandConfig.DEFAULT.inputSize();
        input = new float[batch * 3 * s * s];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) r.nextGaussian();
        }
    }

    @Benchmark
    public List<TwoHandPrediction> reconstruct() {
        return model.predict(input, batch);
    }

    @TearDown
    public void tearDown() {
        model.close();
    }
}
