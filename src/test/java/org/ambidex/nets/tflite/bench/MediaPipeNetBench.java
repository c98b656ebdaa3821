package org.ambidex.nets.tflite.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
 * One image (batch 1) through a MediaPipe network: ambidex's interpreter on DJL's PyTorch engine against the
 * TensorFlow Lite 2.6.2 runtime with XNNPACK and with its builtin kernels, at 1 and 2 threads (PyTorch's intra-op
 * threads; TFLite's interpreter threads). The input is an example photo's centre crop; outputs are read back into
 * Java arrays on both sides. Each parameter combination runs in its own fork, so the TFLite forks never load
 * PyTorch. Wall time, so it measures the machine's load too: {@link CpuTimePerImage} gives the thread's CPU time.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench='MediaPipeNetBench'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MediaPipeNetBench {

    @Param({"LANDMARK_FULL", "PALM_FULL"})
    String model;

    @Param({"ambidex", "tflite-xnnpack", "tflite-builtin"})
    String engine;

    @Param({"1", "2"})
    int threads;

    private OneImage image;

    @Setup(Level.Trial)
    public void setUp() throws IOException, ReflectiveOperationException {
        image = new OneImage(model, engine, threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        image.close();
    }

    @Benchmark
    public float[] oneImage() throws ReflectiveOperationException {
        return image.run();
    }
}
