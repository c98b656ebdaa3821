package org.ambidex.nets;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published InterNet's shape (ResNet-50, 47.3 M parameters) with random weights: PyTorch writes the checkpoint
 * in the snapshot layout and its outputs on the reference crop of an image; ambidex reads the checkpoint, crops
 * the same image and must agree (heatmap argmax, root depth, handedness). Needs /usr/bin/python3 with torch and
 * cv2; skipped with a message otherwise.
 */
@Tag("slow")
class InterNetFullSizeComparisonTest {

    @TempDir
    Path tmp;

    @Test
    void resNet50InterNetEqualsPyTorch() throws IOException {
        PyTorch.assumeAvailable(true);
        Path image = Path.of("src/test/resources/fixtures/nets/tiny-internet/hands.png");
        PyTorch.script("net", tmp.toString(), "50", "64", "21", "64", "256", "512", "64", "11", image.toString(),
            "30,20,90,60");
        InterNetReference.check(tmp, InterNetConfig.DEFAULT);
    }
}
