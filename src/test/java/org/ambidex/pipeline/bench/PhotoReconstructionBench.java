package org.ambidex.pipeline.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ambidex.io.image.Images;
import org.ambidex.nets.Threads;
import org.ambidex.pipeline.Reconstruction;
import org.ambidex.pipeline.ReconstructionRequest;
import org.ambidex.pipeline.Reconstructor;
import org.ambidex.pipeline.ReconstructorOptions;
import org.ambidex.pipeline.ModelSpec;
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
 * The default photo path end to end: one 640 x 480 photo with two hands, palm detection, landmarks (with the
 * refinement pass) and the fit of both hands. The photo is the system property {@code ambidex.bench.photo} of JMH's
 * forked JVM ({@code -Dbench='PhotoReconstructionBench -jvmArgsAppend -Dambidex.bench.photo=FILE'}; a {@code -D} given to
 * Maven does not reach the fork), resized to 640 x 480, or by default two bundled renders side by side. A photo whose
 * two hands are both found on the whole photo measures the budgeted path; on the default photo the finder sees one
 * of the two whole, so the small-hand search runs, which costs more (docs/BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class PhotoReconstructionBench {

    @Param({"mediapipe", "mediapipe-lite"})
    String model;

    @Param({"2"})
    int threads;

    private Reconstructor reconstructor;
    private BufferedImage photo;

    @Setup(Level.Trial)
    public void setUp() {
        Threads.set(threads);
        reconstructor = Reconstructor.open(ModelSpec.parse(model), ReconstructorOptions.DEFAULT);
        photo = photo();
        int hands = reconstructor.reconstruct(photo, ReconstructionRequest.wholeImage()).hands().size();
        if (hands != 2) {
            throw new IllegalStateException("the benchmark photo shows " + hands + " hands to the finder, not 2");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        reconstructor.close();
    }

    @Benchmark
    public Reconstruction onePhoto() {
        return reconstructor.reconstruct(photo, ReconstructionRequest.wholeImage());
    }

    static BufferedImage photo() {
        String given = System.getProperty("ambidex.bench.photo");
        BufferedImage out = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        if (given != null) {
            g.drawImage(Images.read(Path.of(given)), 0, 0, 640, 480, null);
        } else {
            BufferedImage a = Images.read(Path.of("examples/images/train/Capture2/synth_single/cam410000/image4.jpg"));
            g.drawImage(a, 0, 0, 313, 480, null);
            g.drawImage(a, 327, 0, 313, 480, null);
        }
        g.dispose();
        return out;
    }
}
