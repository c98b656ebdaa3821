package org.ambidex.data.interhand.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ambidex.data.Bbox;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoPair;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.data.interhand.InterHandWriter;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Vec3;
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
 * Reading an InterHand2.6M-format split whose {@code _joint_3d.json} is about 1 GB (one annotated image per
 * frame, so every frame is indexed and read): opening (streaming the data file, indexing the joint file) and
 * then reading every sample. The set is generated once with {@link InterHandWriter} under
 * {@code target/bench-data/} (not committed). Runs with a 256 MiB heap to show memory stays bounded; the peak
 * heap (sum of the heap pools' peaks, an upper bound) and the benchmark thread's CPU time (which, unlike the wall
 * time, does not depend on other load on the machine) are printed after each iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class InterHandReadBench {

    /** Frames; 330,000 frames make a joint file of about 1 GB. */
    @Param("330000")
    public int frames;

    private Path root;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        root = Path.of("target", "bench-data", "ih-" + frames);
        Path marker = root.resolve("complete");
        if (Files.exists(marker)) {
            return;
        }
        SplittableRandom random = new SplittableRandom(1);
        Camera camera = new Camera(new Intrinsics(1200, 1200, 167, 256),
            Extrinsics.fromRotationAndCentre(Mat3.IDENTITY, new Vec3(0, 0, -1)));
        boolean[] valid = new boolean[42];
        java.util.Arrays.fill(valid, true);
        try (InterHandWriter w = InterHandWriter.create(root, "test")) {
            w.addCamera(0, "400262", camera);
            for (int f = 0; f < frames; f++) {
                double[] world = new double[126];
                for (int i = 0; i < 126; i++) {
                    // float32 values in mm, like the real files' digits
                    world[i] = (float) (random.nextDouble(-0.1, 0.1) * 1000) / 1000.0;
                }
                w.addFrame(0, f, new InterHandWriter.Frame(world, valid, HandType.INTERACTING, ManoPair.NONE));
                w.addImage(0, "0266_dh_pray", "400262", f, 334, 512, new Bbox(100, 200, 120, 130), valid,
                    HandType.INTERACTING, true);
            }
        }
        Files.writeString(marker, "");
        System.out.printf(Locale.ROOT, "%n[generated] joint_3d.json %.3f GB, data.json %.3f GB%n",
            Files.size(root.resolve("annotations/test/InterHand2.6M_test_joint_3d.json")) / 1e9,
            Files.size(root.resolve("annotations/test/InterHand2.6M_test_data.json")) / 1e9);
    }

    private long cpuAtStart;

    @Setup(Level.Iteration)
    public void resetPeaks() {
        cpuAtStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    @TearDown(Level.Iteration)
    public void reportPeaks() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuAtStart) / 1e9;
        System.out.printf(Locale.ROOT, "%n[peak heap] %.1f MiB (max heap %.0f MiB), benchmark thread CPU %.1f s%n",
            peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0, cpu);
    }

    /** Open the split (stream the data file, index the joint file) and read every sample. */
    @Benchmark
    public double openAndReadAll() {
        double sum = 0;
        try (InterHandDataset ds = InterHandDataset.open(root, InterHandFilter.all("test"))) {
            for (int i = 0; i < ds.size(); i++) {
                Sample s = ds.get(i);
                sum += s.u(0);
            }
        }
        return sum;
    }

    /** Open only (the streaming passes and the index). */
    @Benchmark
    public int open() {
        try (InterHandDataset ds = InterHandDataset.open(root, InterHandFilter.all("test"))) {
            return ds.size();
        }
    }
}
