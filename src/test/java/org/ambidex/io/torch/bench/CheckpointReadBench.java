package org.ambidex.io.torch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.io.torch.TorchCheckpointWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a PyTorch checkpoint of about 200 MB (InterNet-sized: 40 float32 tensors of 1,310,720 elements,
 * 52 M parameters, plus small BatchNorm buffers) against reading the same file's bytes.
 * The checkpoint is written by {@link TorchCheckpointWriter} in the setup, so no large file is committed.
 * Both are measured with the file in the page cache; the ratio of the medians (p0.50) is the overhead of
 * parsing, checking and building the tensors.
 *
 * <p>Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench=CheckpointReadBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class CheckpointReadBench {

    private static final int TENSORS = 40;
    private static final int ELEMENTS = 5 * 64 * 64 * 64; // 1,310,720 floats = 5 MiB per tensor

    private Path folder;
    private Path file;

    @Setup(Level.Trial)
    public void write() throws IOException {
        folder = Files.createTempDirectory("ambidex-bench");
        file = folder.resolve("snapshot_200mb.pth.tar");
        SplittableRandom random = new SplittableRandom(7);
        Map<String, NdArray> network = new LinkedHashMap<>();
        for (int i = 0; i < TENSORS; i++) {
            float[] values = new float[ELEMENTS];
            for (int k = 0; k < values.length; k++) {
                values[k] = (float) random.nextGaussian();
            }
            network.put("module.layer" + i + ".conv.weight", NdArray.ofFloats(new int[] {320, 64, 8, 8}, values));
            network.put("module.layer" + i + ".bn.running_mean", NdArray.ofFloats(new int[] {320}, new float[320]));
            network.put("module.layer" + i + ".bn.num_batches_tracked", NdArray.ofLongs(new int[0], i));
        }
        TorchCheckpointWriter.write(file, Map.of(), Map.of("epoch", 19L, "network", network));
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public StateDict readCheckpoint() {
        return Checkpoints.read(file);
    }

    @Benchmark
    public byte[] readBytes() throws IOException {
        return Files.readAllBytes(file);
    }
}
