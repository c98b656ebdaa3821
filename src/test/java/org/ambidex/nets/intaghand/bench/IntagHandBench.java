package org.ambidex.nets.intaghand.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.intaghand.IntagHandModel;
import org.ambidex.nets.intaghand.IntagHandPrediction;
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
 * IntagHand's forward pass on the CPU (the published configuration, random weights written by
 * src/test/python/intaghand_reference.py into a temporary misc folder, or {@code misc} when given) for a batch of
 * {@code batch} crops; compare with {@code intaghand_speed.py MISC BATCH}.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench='IntagHandBench -f 1 -wi 2 -i 5 -p batch=1'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class IntagHandBench {

    @Param({"1", "8"})
    int batch;

    /** PyTorch intra-op threads; 0 keeps PyTorch's default. */
    @Param({"0"})
    int threads;

    /** A misc folder to use; empty: generate one with random weights. */
    @Param({""})
    String misc;

    private IntagHandModel model;
    private float[] input;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (threads > 0) {
            org.ambidex.nets.Threads.set(threads);
        }
        Path folder;
        if (misc.isEmpty()) {
            Path tmp = Files.createTempDirectory("intaghand-bench");
            Path png = tmp.resolve("photo.png");
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 64,
                java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png.toFile());
            PyTorch.scriptAt(Path.of("src/test/python/intaghand_reference.py"), "make", tmp.toString(), png.toString(),
                "10,10,50,50");
            folder = tmp.resolve("misc");
        } else {
            folder = Path.of(misc);
        }
        model = IntagHandModel.open(folder, null);
        // as `--model intaghand:` opens it to predict
        model.network().foldBatchNorms(model.manager());
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
    public IntagHandPrediction forward() {
        return model.predict(input, batch).get(0);
    }
}
