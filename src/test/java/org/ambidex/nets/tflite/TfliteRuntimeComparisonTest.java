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
import org.ambidex.nets.mediapipe.MediaPipeModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The interpreter against the real TensorFlow Lite 2.6.2 runtime (builtin kernels, one thread, in its own JVM) on
 * all four MediaPipe networks and images the project makes itself (three example photos rendered by
 * {@code ambidex synth}, the pattern, noise): landmarks and palm boxes to 1e-3 px, probabilities (palm logits
 * after the sigmoid) and world landmarks to 1e-5; and a batch of three equal to the three images run alone.
 */
@Tag("slow")
class TfliteRuntimeComparisonTest {

    private static final Map<MediaPipeModel, List<List<float[]>>> REFERENCE = new EnumMap<>(MediaPipeModel.class);

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
            jobs.add(new TfliteReference.Job(file, 1, false, ModelInputs.all(side(m)), ModelInputs.COUNT));
        }
        List<List<List<float[]>>> out = TfliteReference.run(jobs, work);
        for (MediaPipeModel m : MediaPipeModel.values()) {
            REFERENCE.put(m, out.get(m.ordinal()));
        }
    }

    static int side(MediaPipeModel m) {
        return m == MediaPipeModel.PALM_FULL || m == MediaPipeModel.PALM_LITE ? 192 : 224;
    }

    @ParameterizedTest
    @EnumSource(MediaPipeModel.class)
    void matchesTfliteImageByImageAndInBatches(MediaPipeModel model) {
        boolean palm = side(model) == 192;
        int side = side(model);
        int size = side * side * 3;
        float[] inputs = ModelInputs.all(side);
        double[] worst = new double[4];
        double worstLogit = 0;
        double worstBatch = 0;
        try (TfliteNetwork net = model.open()) {
            List<List<float[]>> single = new ArrayList<>();
            for (int i = 0; i < ModelInputs.COUNT; i++) {
                List<float[]> ours = net.run(Arrays.copyOfRange(inputs, i * size, (i + 1) * size), 1);
                List<float[]> theirs = REFERENCE.get(model).get(i);
                assertThat(ours).hasSameSizeAs(theirs);
                for (int o = 0; o < ours.size(); o++) {
                    double d = palm && o == 1 ? maxDiff(sigmoid(ours.get(o)), sigmoid(theirs.get(o)))
                        : maxDiff(ours.get(o), theirs.get(o));
                    worst[o] = Math.max(worst[o], d);
                    if (palm && o == 1) {
                        worstLogit = Math.max(worstLogit, maxDiff(ours.get(o), theirs.get(o)));
                    }
                    assertThat(d).as("%s output %d on %s", model, o, ModelInputs.NAMES[i]).isLessThan(tolerance(palm, o));
                }
                single.add(ours);
            }
            List<float[]> batch = net.run(Arrays.copyOfRange(inputs, 0, 3 * size), 3);
            for (int o = 0; o < batch.size(); o++) {
                int per = single.get(0).get(o).length;
                assertThat(batch.get(o)).hasSize(3 * per);
                for (int i = 0; i < 3; i++) {
                    float[] part = Arrays.copyOfRange(batch.get(o), i * per, (i + 1) * per);
                    double d = palm && o == 1 ? maxDiff(sigmoid(part), sigmoid(single.get(i).get(o)))
                        : maxDiff(part, single.get(i).get(o));
                    worstBatch = Math.max(worstBatch, d / tolerance(palm, o));
                    assertThat(d).as("%s output %d, batch image %d", model, o, i).isLessThan(tolerance(palm, o));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s vs TFLite 2.6.2, max |diff| per output: %s%s; batch 3 vs alone: %.2g of"
            + " the tolerance%n", model, Arrays.toString(Arrays.copyOf(worst, palm ? 2 : 4)),
            palm ? " (raw logits " + worstLogit + ")" : "", worstBatch);
    }

    /** Pixels (landmarks, palm boxes in 192-px units): 1e-3; probabilities and metres: 1e-5. */
    private static double tolerance(boolean palm, int output) {
        return output == 0 ? 1e-3 : 1e-5;
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
