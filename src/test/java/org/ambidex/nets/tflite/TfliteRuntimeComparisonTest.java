package org.ambidex.nets.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.ambidex.nets.mediapipe.MediaPipeModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both ways of running a graph (scripted with XNNPACK convolutions, and op by op) against the real TensorFlow Lite 2.6.2 runtime (builtin kernels, one thread, in its own JVM) on
 * all seven MediaPipe networks and images the project makes itself (three example photos rendered by
 * {@code ambidex synth}, the pattern, noise): landmarks and detector boxes to 1e-3 px, probabilities (detector,
 * visibility and presence logits after the sigmoid) and world landmarks to 1e-5; and a batch of three equal to the
 * three images run alone.
 *
 * <p>MediaPipe Pose's networks are deeper and give larger values (segmentation logits past 1000): there TFLite's
 * own XNNPACK kernels differ from its builtin ones by more than those tolerances (up to 2.5e-3 px in a landmark's
 * z, 0.5 in a segmentation logit), so float rounding alone explains differences of that size. Each of their
 * outputs is held, on every image, to the fixed tolerance or to {@value #SPREAD_FACTOR} times TFLite's own
 * XNNPACK-to-builtin difference on that output (the largest over the images), whichever is larger.
 */
@Tag("slow")
class TfliteRuntimeComparisonTest {

    private static final Map<MediaPipeModel, List<List<float[]>>> REFERENCE = new EnumMap<>(MediaPipeModel.class);
    /** TFLite with XNNPACK, for the pose networks: how far TFLite's own kernels are apart. */
    private static final Map<MediaPipeModel, List<List<float[]>>> XNNPACK = new EnumMap<>(MediaPipeModel.class);
    /** Ours may differ from TFLite's builtin kernels this many times as much as TFLite's XNNPACK kernels do. */
    static final int SPREAD_FACTOR = 3;

    @TempDir
    static Path work;

    @BeforeAll
    static void runTheReference() throws IOException, InterruptedException {
        assumeTrue(TfliteRuntime.platformSupported(), "the TFLite reference library is for Linux x86-64 only");
        List<TfliteReference.Job> jobs = new ArrayList<>();
        for (MediaPipeModel m : MediaPipeModel.values()) {
            Path file = work.resolve(m.name() + ".tflite");
            try (var in = MediaPipeModel.class.getClassLoader().getResourceAsStream(m.resource())) {
                Files.write(file, in.readAllBytes());
            }
            jobs.add(new TfliteReference.Job(file, 1, false, inputs(m), ModelInputs.COUNT));
            if (pose(m)) {
                jobs.add(new TfliteReference.Job(file, 1, true, inputs(m), ModelInputs.COUNT));
            }
        }
        List<List<List<float[]>>> out = TfliteReference.run(jobs, work);
        int j = 0;
        for (MediaPipeModel m : MediaPipeModel.values()) {
            REFERENCE.put(m, out.get(j++));
            if (pose(m)) {
                XNNPACK.put(m, out.get(j++));
            }
        }
    }

    static Stream<Arguments> modelsAndExecutions() {
        return Arrays.stream(MediaPipeModel.values()).flatMap(m -> Stream.of(
            Arguments.of(m, TfliteNetwork.Execution.SCRIPTED), Arguments.of(m, TfliteNetwork.Execution.OP_BY_OP)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modelsAndExecutions")
    void matchesTfliteImageByImageAndInBatches(MediaPipeModel model, TfliteNetwork.Execution execution) {
        int size = model.inputSize() * model.inputSize() * 3;
        float[] inputs = inputs(model);
        double[] worst = new double[REFERENCE.get(model).get(0).size()];
        double[] worstAllowed = new double[worst.length];
        double worstBatch = 0;
        // How far TFLite's own two kernel sets are apart on this network: the worst of the probe images, since a
        // network's float32 sensitivity varies from image to image (on the pose landmark network, 0.6 of the
        // tolerance on one image and 98 times it on another) and one image's small spread says little about it.
        double[] spreads = new double[worst.length];
        if (pose(model)) {
            for (int i = 0; i < ModelInputs.COUNT; i++) {
                for (int o = 0; o < spreads.length; o++) {
                    spreads[o] = Math.max(spreads[o], relativeDiff(model, o, XNNPACK.get(model).get(i).get(o),
                        REFERENCE.get(model).get(i).get(o)));
                }
            }
        }
        try (TfliteNetwork net = TfliteNetwork.load(model.model(), execution)) {
            List<List<float[]>> single = new ArrayList<>();
            for (int i = 0; i < ModelInputs.COUNT; i++) {
                List<float[]> ours = net.run(Arrays.copyOfRange(inputs, i * size, (i + 1) * size), 1);
                List<float[]> theirs = REFERENCE.get(model).get(i);
                assertThat(ours).hasSameSizeAs(theirs);
                for (int o = 0; o < ours.size(); o++) {
                    double d = relativeDiff(model, o, ours.get(o), theirs.get(o));
                    // (spreads are zero but for the pose networks)
                    double allowed = Math.max(1, SPREAD_FACTOR * spreads[o]);
                    worst[o] = Math.max(worst[o], d);
                    worstAllowed[o] = Math.max(worstAllowed[o], d / allowed);
                    assertThat(d).as("%s output %d on %s, |diff| / tolerance", model, o, ModelInputs.NAMES[i])
                        .isLessThan(allowed);
                }
                single.add(ours);
            }
            List<float[]> batch = net.run(Arrays.copyOfRange(inputs, 0, 3 * size), 3);
            for (int o = 0; o < batch.size(); o++) {
                int per = single.get(0).get(o).length;
                assertThat(batch.get(o)).hasSize(3 * per);
                for (int i = 0; i < 3; i++) {
                    float[] part = Arrays.copyOfRange(batch.get(o), i * per, (i + 1) * per);
                    double d = relativeDiff(model, o, part, single.get(i).get(o));
                    worstBatch = Math.max(worstBatch, d);
                    assertThat(d).as("%s output %d, batch image %d", model, o, i).isLessThan(1);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s %s vs TFLite 2.6.2, max |diff| / tolerance per output: %s%s; batch 3 vs"
            + " alone: %.2g of the tolerance%n", model, execution, Arrays.toString(worst), pose(model)
                ? " (TFLite XNNPACK vs builtin: " + Arrays.toString(spreads) + "; of what is allowed: "
                + Arrays.toString(worstAllowed) + ")" : "", worstBatch);
    }

    /** The comparison inputs in the model's input range (the images are RGB in [0, 1]). */
    static float[] inputs(MediaPipeModel m) {
        float[] v = ModelInputs.all(m.inputSize());
        float min = m.inputMin();
        for (int i = 0; i < v.length; i++) {
            v[i] = min + (1 - min) * v[i];
        }
        return v;
    }

    /**
     * The largest difference of output {@code o} in units of its tolerance: pixels (landmarks, detector boxes and
     * keypoints) 1e-3; probabilities (detector and landmark logits after the sigmoid, as MediaPipe reads them) and
     * metres 1e-5.
     */
    static double relativeDiff(MediaPipeModel m, int o, float[] ours, float[] theirs) {
        boolean detector = m == MediaPipeModel.PALM_FULL || m == MediaPipeModel.PALM_LITE
            || m == MediaPipeModel.POSE_DETECTION;
        if (detector) {
            return o == 0 ? maxDiff(ours, theirs) / 1e-3 : maxDiff(sigmoid(ours), sigmoid(theirs)) / 1e-5;
        }
        if (!pose(m)) {
            return maxDiff(ours, theirs) / (o == 0 ? 1e-3 : 1e-5);
        }
        return switch (o) {
            case 0 -> {
                // 39 x (x, y, z in pixels; visibility and presence logits).
                double worst = 0;
                for (int i = 0; i < ours.length; i++) {
                    double d = i % 5 < 3 ? Math.abs(ours[i] - theirs[i]) / 1e-3
                        : Math.abs(sigmoid(ours[i]) - sigmoid(theirs[i])) / 1e-5;
                    worst = Math.max(worst, d);
                }
                yield worst;
            }
            // The pose presence is a probability already; the segmentation logits (up to about 1700 in size) and
            // heat maps are held to 1e-3 before the spread.
            case 1 -> maxDiff(ours, theirs) / 1e-5;
            case 2, 3 -> maxDiff(ours, theirs) / 1e-3;
            default -> maxDiff(ours, theirs) / 1e-5;
        };
    }

    private static boolean pose(MediaPipeModel m) {
        return m == MediaPipeModel.POSE_LANDMARK_FULL || m == MediaPipeModel.POSE_LANDMARK_LITE
            || m == MediaPipeModel.POSE_DETECTION;
    }

    static double sigmoid(float logit) {
        return 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, logit))));
    }

    static float[] sigmoid(float[] logits) {
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            // MediaPipe clips the logit to +-100 first (score_clipping_thresh); it changes nothing in float.
            p[i] = (float) (1 / (1 + Math.exp(-Math.max(-100, Math.min(100, logits[i])))));
        }
        return p;
    }

    static double maxDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
