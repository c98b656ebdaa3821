package org.ambidex.fit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The accuracy table of docs/FITTING.md: synthetic hands (seeded) fitted from exact, noisy and partly wrong
 * landmarks, errors against the truth, and the fitting thread's CPU time per hand (each row's hands are fitted once
 * to warm up, then again timed). A measurement, not a test (tagged {@code benchmark}, so the default build skips
 * it):
 * {@code ./mvnw -q -o test -Dtest=FitAccuracyReport -Dsurefire.excludedGroups=none}.
 */
@Tag("benchmark")
class FitAccuracyReport {

    private static final int HANDS_PER_SIDE = 32;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void report() {
        System.out.println("| landmarks | model | options | hands | hand shape error (mean, max) | joint error (mean, max) "
            + "| largest joint error (median, max) | vertex error, shape only | reprojection RMS (median) | iterations "
            + "(median) | CPU per hand (median) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String scenario : new String[] {"exact", "noise", "outliers"}) {
            row(scenario, "open", 0.8);
        }
        row("exact", "mano", 0.4);
    }

    private static void row(String scenario, String modelName, double spread) {
        List<double[]> results = new ArrayList<>();
        boolean exact = scenario.equals("exact");
        FitOptions options = exact ? HandFitterRecoveryTest.EXACT : FitOptions.defaults();
        for (HandSide side : HandSide.values()) {
            HandModel model = TestModels.named(modelName, side);
            HandFitter fitter = new HandFitter(model, options);
            try (ArrayHandPoser poser = new ArrayHandPoser(model)) {
                for (int i = 0; i < HANDS_PER_SIDE; i++) {
                    long seed = 5000 + i;
                    SyntheticHand truth = SyntheticHand.sample(model, poser, seed, spread);
                    HandLandmarks input = corrupt(truth.landmarks(), scenario, new SplittableRandom(seed * 7 + 3));
                    fitter.fit(input, SyntheticHand.CAMERA);
                    long start = THREADS.getCurrentThreadCpuTime();
                    HandFit fit = fitter.fit(input, SyntheticHand.CAMERA);
                    double cpu = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
                    results.add(new double[] {
                        FitErrors.meanCentred(fit.joints(), truth.joints()), FitErrors.mean(fit.joints(), truth.joints()),
                        FitErrors.max(fit.joints(), truth.joints()),
                        FitErrors.meanCentred(fit.vertices(), truth.vertices()), fit.imageRmsPx(), fit.iterations(), cpu});
                }
            }
        }
        System.out.printf("| %s | %s | %s | %d | %.2f, %.2f mm | %.2f, %.2f mm | %.2f, %.2f mm | %.2f mm | %.2f px | %.0f "
            + "| %.2f ms |%n",
            scenario, modelName, exact ? "exact (0.5 mm, 0.2 px)" : "defaults", results.size(),
            1000 * mean(results, 0), 1000 * max(results, 0), 1000 * mean(results, 1), 1000 * max(results, 1),
            1000 * median(results, 2), 1000 * max(results, 2), 1000 * mean(results, 3), median(results, 4),
            median(results, 5), 1000 * median(results, 6));
    }

    /** Exact landmarks; or 5 mm / 3 px Gaussian noise; or two landmarks 5 cm / 80 px off. */
    static HandLandmarks corrupt(HandLandmarks exact, String scenario, SplittableRandom random) {
        return switch (scenario) {
            case "noise" -> LandmarkCorruption.noisy(exact, random, 0.005, 3);
            case "outliers" -> LandmarkCorruption.twoWrong(exact, random, 0.05, 80);
            default -> exact;
        };
    }

    private static double mean(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(r -> r[column]).average().orElse(Double.NaN);
    }

    private static double max(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(r -> r[column]).max().orElse(Double.NaN);
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
