package org.ambidex.fit.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ambidex.fit.FitOptions;
import org.ambidex.fit.HandFit;
import org.ambidex.fit.HandFitter;
import org.ambidex.fit.HandLandmarks;
import org.ambidex.fit.TwoHandFit;
import org.ambidex.fit.TwoHandFitter;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandParamArrays;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Fitting the hand model to one photo's landmarks with {@link HandFitter} (one hand) and {@link TwoHandFitter}
 * (both hands), one thread, sample mode (the median is JMH's p0.50). The landmarks are those of hands posed by the
 * hand layer with seeded random pose PCA coefficients, 0.4-0.7 m from a 1280 x 960 camera, with seeded Gaussian
 * noise of 5 mm per world coordinate and 3 px per image coordinate, as a landmark network's would be; a set of 16
 * is cycled so that no single easy case is timed. {@code model}: {@code open} (1,734 vertices, no pose blend
 * shapes) or {@code mano} (the MANO-format fixture: 778 vertices, pose blend shapes, dense skinning weights).
 * Warm-up and measurement are given on the command line (docs/BENCHMARKS.md: {@code -wi 3 -i 5 -w 2 -r 2}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class FitBench {

    private static final Intrinsics CAMERA = new Intrinsics(1100, 1100, 640, 480);
    private static final int CASES = 16;

    @Param({"open", "mano"})
    public String model;

    private HandFitter rightFitter;
    private TwoHandFitter twoHands;
    private HandLandmarks[][] cases;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        HandModel right = load(HandSide.RIGHT);
        HandModel left = load(HandSide.LEFT);
        rightFitter = new HandFitter(right);
        twoHands = new TwoHandFitter(right, left, FitOptions.defaults());
        cases = new HandLandmarks[CASES][];
        SplittableRandom random = new SplittableRandom(2026);
        try (ArrayHandPoser r = new ArrayHandPoser(right); ArrayHandPoser l = new ArrayHandPoser(left)) {
            for (int i = 0; i < CASES; i++) {
                cases[i] = new HandLandmarks[] {landmarks(r, random, -0.1), landmarks(l, random, 0.1)};
            }
        }
    }

    private HandModel load(HandSide side) throws Exception {
        if (model.equals("open")) {
            return HandModelLoader.resolve(HandModelLoader.OPEN, side, false);
        }
        String name = side == HandSide.RIGHT ? "MANO_RIGHT.npz" : "MANO_LEFT.npz";
        return HandModelLoader.resolve(
            java.nio.file.Path.of(FitBench.class.getResource("/fixtures/mano-format/" + name).toURI()).toString(),
            side, true);
    }

    /** A noisy hand of {@code poser}'s model centred {@code x} metres right of the optical axis. */
    private static HandLandmarks landmarks(ArrayHandPoser poser, SplittableRandom random, double x) {
        HandModel m = poser.model();
        double[] coefficients = new double[45];
        for (int i = 0; i < 45; i++) {
            coefficients[i] = 0.5 * random.nextGaussian();
        }
        double[] handPose = m.pcaToAxisAngle(coefficients, true);
        double[] orient = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
        double z = 0.4 + 0.3 * random.nextDouble();
        double[] joints = poser.pose(new HandParamArrays(new double[1][10], new double[][] {orient},
            new double[][] {handPose}, HandPoseKind.AXIS_ANGLE, new double[][] {{x, 0, z}}, false),
            FingertipSet.INTAGHAND, JointOrder.OPENPOSE).joints(0);
        double[] world = new double[63];
        double[] image = new double[42];
        for (int i = 0; i < 21; i++) {
            double[] uv = CAMERA.project(Vec3.of(joints, 3 * i));
            image[2 * i] = uv[0] + 3 * random.nextGaussian();
            image[2 * i + 1] = uv[1] + 3 * random.nextGaussian();
            for (int c = 0; c < 3; c++) {
                world[3 * i + c] = joints[3 * i + c] - (c == 2 ? z : c == 0 ? x : 0) + 0.005 * random.nextGaussian();
            }
        }
        return new HandLandmarks(m.side(), world, image);
    }

    @Benchmark
    public HandFit oneHand() {
        HandLandmarks[] c = cases[next++ % CASES];
        return rightFitter.fit(c[0], CAMERA);
    }

    @Benchmark
    public TwoHandFit twoHands() {
        HandLandmarks[] c = cases[next++ % CASES];
        return twoHands.fit(List.of(c[0], c[1]), CAMERA);
    }
}
