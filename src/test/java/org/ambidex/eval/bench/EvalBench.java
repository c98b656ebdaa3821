package org.ambidex.eval.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ambidex.data.HandType;
import org.ambidex.eval.EvalReport;
import org.ambidex.eval.Evaluator;
import org.ambidex.eval.FreiHandProtocol;
import org.ambidex.eval.GroundTruthSample;
import org.ambidex.eval.HandPrediction;
import org.ambidex.eval.HandTruth;
import org.ambidex.eval.InterHandProtocol;
import org.ambidex.eval.PckThresholds;
import org.ambidex.eval.Prediction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluation throughput on in-memory data: 1000 interacting two-hand frames under {@code interhand} (joints
 * only), and 100 FreiHAND-style frames with 778-vertex meshes under {@code freihand} (dominated by the exact
 * nearest-neighbour F-scores). Time per call = per set.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvalBench {

    private List<GroundTruthSample> twoHandTruth;
    private List<Prediction> twoHandPredictions;
    private List<GroundTruthSample> meshTruth;
    private List<Prediction> meshPredictions;

    @Setup
    public void setUp() {
        // Progress lines would interleave with JMH's iteration output.
        org.ambidex.core.ProgressMode.set(org.ambidex.core.ProgressMode.OFF);
        SplittableRandom random = new SplittableRandom(1);
        twoHandTruth = new ArrayList<>();
        twoHandPredictions = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            double[] r = points(random, 21, 0.5);
            double[] l = points(random, 21, 0.5);
            twoHandTruth.add(new GroundTruthSample("s" + i, HandType.INTERACTING, true,
                HandTruth.allValid(r, null), HandTruth.allValid(l, null), null));
            twoHandPredictions.add(new Prediction("s" + i, HandPrediction.ofJoints(noisy(random, r)),
                HandPrediction.ofJoints(noisy(random, l)), null));
        }
        meshTruth = new ArrayList<>();
        meshPredictions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double[] j = points(random, 21, 0.6);
            double[] v = points(random, 778, 0.6);
            meshTruth.add(new GroundTruthSample("m" + i, HandType.RIGHT, true, HandTruth.allValid(j, v), null, null));
            meshPredictions.add(new Prediction("m" + i, new HandPrediction(noisy(random, j), noisy(random, v),
                Double.NaN, null), null, null));
        }
    }

    private static double[] points(SplittableRandom random, int n, double depth) {
        double[] p = new double[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextDouble(-0.08, 0.08) + (i % 3 == 2 ? depth : 0);
        }
        return p;
    }

    private static double[] noisy(SplittableRandom random, double[] p) {
        double[] out = p.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += random.nextDouble(-0.01, 0.01);
        }
        return out;
    }

    @Benchmark
    public EvalReport interHand1000Frames() {
        return Evaluator.evaluate(new InterHandProtocol(PckThresholds.DEFAULT), twoHandTruth, twoHandPredictions);
    }

    @Benchmark
    public EvalReport freiHand100MeshFrames() {
        return Evaluator.evaluate(FreiHandProtocol.reference(), meshTruth, meshPredictions);
    }
}
