package org.ambidex.data.ho3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ambidex.core.BadInputException;
import org.ambidex.hand.JointOrder;
import org.ambidex.nets.PyTorch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HO-3D reader on a tiny folder whose annotations the Python generator stored as HO-3D does (OpenGL frame,
 * HO-3D joint order, protocol-2 pickles of numpy arrays): the joints come back in the OpenCV frame and OpenPose
 * order the test started from, and bad folders and files are refused naming the file.
 */
class Ho3dDatasetTest {

    @TempDir
    static Path dir;

    static Ho3dFixture fixture;

    @BeforeAll
    static void writeFolder() throws IOException {
        fixture = Ho3dFixture.write(dir.resolve("ho3d"));
    }

    @Test
    void trainingFramesComeBackInTheOpenCvFrameAndOpenPoseOrder() throws IOException {
        Ho3dDataset set = Ho3dDataset.open(fixture.base(), "training");
        assertThat(set.size()).isEqualTo(Ho3dFixture.TRAIN);
        assertThat(set.isEvaluation()).isFalse();
        assertThat(set.split()).isEqualTo("training");
        assertThat(Ho3dDataset.open(fixture.base(), "train").size()).isEqualTo(Ho3dFixture.TRAIN);
        JsonNode mano = new ObjectMapper().readTree(dir.resolve("ho3d-spec.json.mano.json").toFile());
        List<Ho3dSample> read = new ArrayList<>();
        set.forEach(read::add);
        assertThat(read).hasSize(Ho3dFixture.TRAIN);
        for (int i = 0; i < Ho3dFixture.TRAIN; i++) {
            Ho3dFixture.Frame f = fixture.train().get(i);
            Ho3dSample s = read.get(i);
            assertThat(s.index()).isEqualTo(i);
            assertThat(s.name()).isEqualTo(f.sequence() + "/" + f.frame());
            assertThat(s.image()).isEqualTo(fixture.base().resolve("train").resolve(f.sequence()).resolve("rgb")
                .resolve(f.frame() + ".png"));
            assertThat(s.intrinsics()).isEqualTo(f.intrinsics());
            assertThat(s.joints()).containsExactly(f.joints(), within(1e-15));
            assertThat(s.root()).containsExactly(java.util.Arrays.copyOf(f.joints(), 3), within(1e-15));
            assertThat(s.boundingBox()).isNull();
            JsonNode m = mano.get(s.name());
            assertThat(s.handPose()).containsExactly(numbers(m.get("handPose")), within(0.0));
            assertThat(s.handBeta()).containsExactly(numbers(m.get("handBeta")), within(0.0));
            assertThat(s.handTrans()).containsExactly(numbers(m.get("handTrans")), within(0.0));
            // handTrans was stored as the OpenGL wrist (float32): the frame's sign convention, as read.
            assertThat(Ho3dCamera.toOpenCv(s.handTrans())).containsExactly(s.root(), within(1e-6));
        }
        assertThat(read.get(3).sequence()).isEqualTo("MC1");
    }

    @Test
    void evaluationFramesHaveTheBoxAndTheRootOnly() {
        Ho3dDataset set = Ho3dDataset.open(fixture.base(), "evaluation");
        assertThat(set.isEvaluation()).isTrue();
        assertThat(set.size()).isEqualTo(Ho3dFixture.EVALUATION);
        for (int i = 0; i < set.size(); i++) {
            Ho3dFixture.Frame f = fixture.evaluation().get(i);
            Ho3dSample s = set.sample(i);
            assertThat(s.joints()).isNull();
            assertThat(s.root()).containsExactly(java.util.Arrays.copyOf(f.joints(), 3), within(1e-15));
            assertThat(s.boundingBox()).containsExactly(f.box());
            assertThat(s.handPose()).isNull();
            assertThat(s.handBeta()).isNull();
            assertThat(s.handTrans()).isNull();
        }
    }

    @Test
    void conversionsRoundTripAndMatchS2handsMapping() {
        // S2HAND's HO3D2Frei: FreiHAND joint i is HO-3D joint m[i].
        assertThat(JointOrder.OPENPOSE.gatherFrom(JointOrder.HO3D))
            .containsExactly(0, 13, 14, 15, 16, 1, 2, 3, 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20);
        Random r = new Random(5);
        double[] x = new double[63];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[] ho3d = JointOrder.HO3D.convert(x, JointOrder.OPENPOSE, 3);
        assertThat(JointOrder.OPENPOSE.convert(ho3d, JointOrder.HO3D, 3)).containsExactly(x);
        double[] gl = Ho3dCamera.toOpenGl(x);
        assertThat(gl[0]).isEqualTo(x[0]);
        assertThat(gl[1]).isEqualTo(-x[1]);
        assertThat(gl[2]).isEqualTo(-x[2]);
        assertThat(Ho3dCamera.toOpenCv(gl)).containsExactly(x);
    }

    @Test
    void badFoldersAndFilesAreRefusedNamingTheFile() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(Ho3dDataset.isHo3d(empty)).isFalse();
        assertThat(Ho3dDataset.isHo3d(fixture.base())).isTrue();
        assertThatThrownBy(() -> Ho3dDataset.open(empty, "training")).isInstanceOf(BadInputException.class)
            .hasMessageContaining("train.txt").hasMessageContaining("no such file");
        assertThatThrownBy(() -> Ho3dDataset.open(fixture.base(), "val")).isInstanceOf(BadInputException.class)
            .hasMessageContaining("unknown HO-3D split 'val'");

        Path lines = Files.createDirectories(dir.resolve("lines"));
        Files.writeString(lines.resolve("train.txt"), "ABF10/0000\n../../etc/passwd\n");
        assertThatThrownBy(() -> Ho3dDataset.open(lines, "training")).isInstanceOf(BadInputException.class)
            .hasMessageContaining("train.txt").hasMessageContaining("line 2").hasMessageContaining("seq/frame");
        Files.writeString(lines.resolve("train.txt"), "\n\n");
        assertThatThrownBy(() -> Ho3dDataset.open(lines, "training")).isInstanceOf(BadInputException.class)
            .hasMessageContaining("lists no frames");

        Files.writeString(lines.resolve("train.txt"), "ABF10/0000\n");
        Ho3dDataset set = Ho3dDataset.open(lines, "training");
        assertThatThrownBy(() -> set.sample(0)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("0000.pkl").hasMessageContaining("no such file");
        Path meta = Files.createDirectories(lines.resolve("train/ABF10/meta")).resolve("0000.pkl");
        String[][] cases = {
            {"shape", "handJoints3D holds 60 numbers (shape [20, 3]); expected 63"},
            {"nan", "camMat holds NaN at 2; expected finite numbers"},
            {"skew", "camMat is not a pinhole matrix"},
            {"global", "refused to load the Python global"},
            {"notdict", "holds a list; expected HO-3D's dict of annotations"},
            {"nojoints", "has no handJoints3D; expected 63 numbers"},
        };
        for (String[] c : cases) {
            PyTorch.scriptAt(Ho3dFixture.GENERATOR, "bad", meta.toString(), c[0]);
            assertThatThrownBy(() -> set.sample(0)).as(c[0]).isInstanceOf(BadInputException.class)
                .hasMessageContaining("0000.pkl").hasMessageContaining(c[1]);
        }
    }

    private static double[] numbers(JsonNode list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).asDouble();
        }
        return out;
    }
}
