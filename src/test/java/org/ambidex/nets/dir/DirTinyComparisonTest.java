package org.ambidex.nets.dir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A narrow DIR (the published structure at an eighth of the widths) with random weights, batch-norm statistics
 * and MANO buffers: PyTorch writes the checkpoint in the published layout and its outputs on a crop of a real
 * image; ambidex loads the checkpoint and must agree at every stage. Needs /usr/bin/python3 with torch and cv2;
 * skipped with a message otherwise.
 */
class DirTinyComparisonTest {

    static final DirConfig TINY = new DirConfig(8, 32, 16, 8);

    @TempDir
    Path tmp;

    @Test
    void everyStageEqualsPyTorch() throws IOException {
        DirReference.generate(tmp, TINY, 5);
        try (DirModel model = DirModel.load(tmp.resolve("DIR.pth"), TINY)) {
            assertThat(model.loadReport().unused()).containsExactlyInAnyOrder("backbone.fc.weight",
                "backbone.fc.bias", "seg_loss.weight");
            assertThat(model.loadReport().absent()).isEmpty();
            DirReference.compare(model, tmp).assertWithinBounds("DIR tiny vs PyTorch");
        }
    }
}
