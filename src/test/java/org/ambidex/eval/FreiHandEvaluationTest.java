package org.ambidex.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;
import org.ambidex.data.freihand.FreiHandDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreiHandEvaluationTest {

    @TempDir
    Path dir;

    private static String matrix(double[] packed, double dx) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < packed.length; i += 3) {
            b.append(i == 0 ? "" : ",").append("[").append(packed[i] + dx).append(",").append(packed[i + 1])
                .append(",").append(packed[i + 2]).append("]");
        }
        return b.append("]").toString();
    }

    private static double[] verts(int seed) {
        double[] v = new double[778 * 3];
        for (int i = 0; i < 778; i++) {
            v[3 * i] = 0.001 * (i % 40) + seed * 0.01;
            v[3 * i + 1] = 0.001 * (i / 40);
            v[3 * i + 2] = 0.5 + 0.0001 * (i % 7);
        }
        return v;
    }

    /** Two samples; the prediction is the ground truth shifted by 5 mm in x. */
    private void writeSet(double shift) throws IOException {
        double[][] joints = {TestHands.hand(0, 0, 0.5), TestHands.hand(0.02, 0.01, 0.6)};
        String k = "[[500,0,112],[0,500,112],[0,0,1]]";
        Files.writeString(dir.resolve("evaluation_xyz.json"), "[" + matrix(joints[0], 0) + "," + matrix(joints[1], 0) + "]");
        Files.writeString(dir.resolve("evaluation_K.json"), "[" + k + "," + k + "]");
        Files.writeString(dir.resolve("evaluation_verts.json"), "[" + matrix(verts(0), 0) + "," + matrix(verts(1), 0) + "]");
        Files.writeString(dir.resolve("pred.json"), "[[" + matrix(joints[0], shift) + "," + matrix(joints[1], shift)
            + "],[" + matrix(verts(0), shift) + "," + matrix(verts(1), shift) + "]]");
    }

    @Test
    void aFiveMillimetreShiftIsRecoveredFromFiles() throws IOException {
        writeSet(0.005);
        FreiHandDataset ds = FreiHandDataset.open(dir, "evaluation");
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.hasVertices()).isTrue();
        EvalReport r = Evaluator.evaluateInOrder(FreiHandProtocol.reference(), FreiHandGroundTruth.view(ds),
            FreiHandPredictions.read(dir.resolve("pred.json")));
        assertThat(r.table("mpjpe").value(Split.ALL, HandColumn.BOTH) * 1000).isCloseTo(5, within(1e-9));
        assertThat(r.table("mpvpe").value(Split.ALL, HandColumn.BOTH) * 1000).isCloseTo(5, within(1e-9));
        assertThat(r.table("pa_mpjpe").value(Split.ALL, HandColumn.BOTH) * 1000).isLessThan(1e-4);
        assertThat(r.counts().evaluatedSamples()).isEqualTo(2);
        // Aligned, every vertex is back on its ground-truth twin (to ~1e-8 m): all nearest distances are below 5 mm.
        assertThat(r.scalar("f_aligned_5").value()).isEqualTo(1);
    }

    @Test
    void countMismatchAndBadFilesAreReported() throws IOException {
        writeSet(0);
        Files.writeString(dir.resolve("evaluation_K.json"), "[[[500,0,112],[0,500,112],[0,0,1]]]");
        assertThatThrownBy(() -> FreiHandDataset.open(dir, "evaluation")).isInstanceOf(BadInputException.class)
            .hasMessageContaining("1 camera matrices for 2 joint sets");
        Files.writeString(dir.resolve("bad_pred.json"), "{\"a\":1}");
        assertThatThrownBy(() -> FreiHandPredictions.read(dir.resolve("bad_pred.json")).iterator())
            .isInstanceOf(BadInputException.class).hasMessageContaining("[xyz_list, verts_list]");
    }
}
