package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.eval.HandPrediction;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.PredictionsReader;
import org.ambidex.geom.Intrinsics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} and {@code reconstruct --pred} go through one post-processing path: for the same image, box and
 * camera they give the same joints, vertices, presences and relative root (the built-in twohand weights on the
 * bundled examples, whose single-hand images are where the two paths used to disagree).
 */
class OneReconstructionPathTest {

    static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void predictAndReconstructGiveTheSameNumbersForTheSameImage() {
        Path predicted = dir.resolve("predict.json");
        // One image per forward pass, as reconstruct runs: batching changes PyTorch's float arithmetic.
        CliRun predict = CliRun.of("--quiet", "predict", "--model", "twohand", "--data", EXAMPLES.toString(), "--split",
            "train", "--out", predicted.toString(), "--batch-size", "1");
        assertThat(predict.status()).as(predict.err()).isZero();
        List<Prediction> fromPredict = PredictionsReader.readAll(predicted);
        try (InterHandDataset data = InterHandDataset.open(EXAMPLES, InterHandFilter.all("train"))) {
            compare(fromPredict, data.samples());
        }
    }

    private void compare(List<Prediction> fromPredict, List<Sample> samples) {
        assertThat(fromPredict).hasSameSizeAs(samples);
        int single = 0;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            single += s.handType().label().equals("interacting") ? 0 : 1;
            Intrinsics k = s.camera().intrinsics();
            Path pred = dir.resolve("reconstruct" + i + ".json");
            CliRun reconstruct = CliRun.of("--quiet", "reconstruct", "--model", "twohand", "--no-images", "--out", dir.resolve("r").toString(),
                "--pred", pred.toString(), "--bbox", csv(s.bbox().x(), s.bbox().y(), s.bbox().width(),
                    s.bbox().height()), "--focal", csv(k.fx(), k.fy()), "--princpt", csv(k.cx(), k.cy()),
                s.image().toString());
            assertThat(reconstruct.status()).as(reconstruct.err()).isZero();
            Prediction a = fromPredict.get(i);
            Prediction b = PredictionsReader.readAll(pred).get(0);
            for (int h = 0; h < 2; h++) {
                HandPrediction x = a.hand(h);
                HandPrediction y = b.hand(h);
                assertThat(y.presence()).isCloseTo(x.presence(), within(1e-12));
                assertClose(y.joints(), x.joints(), 1e-9);
                assertClose(y.vertices(), x.vertices(), 1e-9);
                assertClose(y.joints2d(), x.joints2d(), 1e-9);
            }
            assertClose(b.relativeRoot().toArray(), a.relativeRoot().toArray(), 1e-9);
        }
        assertThat(single).as("single-hand images among the examples").isPositive();
    }

    private static void assertClose(double[] actual, double[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }

    private static String csv(double... values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(b.length() > 0 ? "," : "").append(v);
        }
        return b.toString();
    }
}
