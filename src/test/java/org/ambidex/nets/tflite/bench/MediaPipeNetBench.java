package org.ambidex.nets.tflite.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.ambidex.nets.mediapipe.MediaPipeModel;
import org.ambidex.nets.tflite.ModelInputs;
import org.ambidex.nets.tflite.TfliteNetwork;
import org.ambidex.nets.tflite.TfliteRuntime;
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
 * PyTorch (TFLite is loaded from target/tflite-reference by {@link TfliteRuntime}).
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

    private float[] input;
    private TfliteNetwork network;
    private TfliteRuntime.Interpreter interpreter;

    @Setup(Level.Trial)
    public void setUp() throws IOException, ReflectiveOperationException {
        MediaPipeModel m = MediaPipeModel.valueOf(model);
        input = ModelInputs.example(0, model.startsWith("PALM") ? 192 : 224);
        if (engine.equals("ambidex")) {
            org.ambidex.nets.Threads.set(threads);
            network = m.open();
        } else {
            byte[] bytes;
            try (InputStream in = MediaPipeModel.class.getClassLoader().getResourceAsStream(m.resource())) {
                bytes = in.readAllBytes();
            }
            interpreter = TfliteRuntime.load(TfliteRuntime.defaultDirectory())
                .open(bytes, threads, engine.equals("tflite-xnnpack"));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (network != null) {
            network.close();
        }
        if (interpreter != null) {
            interpreter.close();
        }
    }

    @Benchmark
    public float[] oneImage() throws ReflectiveOperationException {
        return network != null ? network.run(input, 1).get(0) : interpreter.run(input, 0).get(0);
    }
}
