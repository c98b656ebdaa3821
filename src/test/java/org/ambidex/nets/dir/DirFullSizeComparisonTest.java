package org.ambidex.nets.dir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published DIR's shape with random weights, batch-norm statistics and MANO buffers, written by PyTorch as
 * the published {@code DIR.pth} is laid out (the {@code net} dictionary, six MANO layers, {@code cuda:0}
 * storages): ambidex loads it with {@code --model dir:}'s loader and must give the same three stages on a crop of a
 * real image. Needs /usr/bin/python3 with torch and cv2; skipped with a message otherwise.
 */
@Tag("slow")
class DirFullSizeComparisonTest {

    @TempDir
    Path tmp;

    @Test
    void publishedShapeEqualsPyTorch() throws IOException {
        DirReference.generate(tmp, DirConfig.PUBLISHED, 11);
        try (DirModel model = DirModel.load(tmp.resolve("DIR.pth"))) {
            assertThat(model.loadReport().unused()).containsExactlyInAnyOrder("backbone.fc.weight",
                "backbone.fc.bias", "seg_loss.weight");
            DirReference.compare(model, tmp).assertWithinBounds("DIR full size vs PyTorch");

            // as the architectures predict: batch norms folded, the ResNet in channels-last memory and the large
            // convolutions on prepacked oneDNN weights
            model.network().foldBatchNorms(model.manager());
            DirReference.compare(model, tmp).assertWithinBounds("DIR full size, folded and prepacked, vs PyTorch");
        }
    }
}
