package org.ambidex.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.geom.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsIoTest {

    @TempDir
    Path dir;

    @Test
    void writtenPredictionsReadBackExactly() {
        double[] r = TestHands.hand(0.1, 0.2, 0.5);
        double[] l = TestHands.hand(-0.1, 0.2, 0.6);
        double[] uv = new double[42];
        for (int i = 0; i < 42; i++) {
            uv[i] = i * 1.5;
        }
        List<Prediction> preds = List.of(
            new Prediction("a", new HandPrediction(r, new double[] {1, 2, 3, 4, 5, 6}, 0.97, uv),
                HandPrediction.ofJoints(l), new Vec3(-0.2, 0.0, 0.1)),
            new Prediction("b", null, null, null));
        Path file = dir.resolve("p.json");
        PredictionsWriter.write(file, Map.of("model", "test"), preds);
        try (PredictionsReader reader = PredictionsReader.open(file)) {
            assertThat(reader.provenance()).containsEntry("model", "test");
            List<Prediction> back = new java.util.ArrayList<>();
            reader.forEach(back::add);
            assertThat(back).hasSize(2);
            Prediction a = back.get(0);
            assertThat(a.id()).isEqualTo("a");
            assertThat(a.right().joints()).containsExactly(r);
            assertThat(a.right().vertices()).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(a.right().presence()).isEqualTo(0.97);
            assertThat(a.right().joints2d()).containsExactly(uv);
            assertThat(a.left().joints()).containsExactly(l);
            assertThat(a.left().presence()).isNaN();
            assertThat(a.relativeRoot()).isEqualTo(new Vec3(-0.2, 0.0, 0.1));
            assertThat(back.get(1).right()).isNull();
            assertThat(back.get(1).left()).isNull();
        }
    }

    @Test
    void millimetresAndInterHandOrderAreConverted() throws IOException {
        // InterHand order: slot k holds OpenPose joint ihFromOp[k]; give joint j the value j mm.
        int[] ihFromOp = org.ambidex.hand.JointOrder.INTERHAND.gatherFrom(org.ambidex.hand.JointOrder.OPENPOSE);
        StringBuilder rows = new StringBuilder();
        for (int k = 0; k < 21; k++) {
            int op = ihFromOp[k];
            rows.append(k == 0 ? "" : ",").append("[").append(op).append(",0,0]");
        }
        Path file = dir.resolve("mm.json");
        Files.writeString(file, "{\"format\":\"ambidex.predictions/1\",\"unit\":\"mm\",\"joint_order\":\"interhand\","
            + "\"samples\":[{\"id\":7,\"hands\":{\"right\":{\"joints\":[" + rows + "]}},\"rel_root\":[1,2,3]}]}");
        Prediction p = PredictionsReader.readAll(file).get(0);
        assertThat(p.id()).isEqualTo("7");
        for (int j = 0; j < 21; j++) {
            assertThat(p.right().joints()[3 * j]).isEqualTo(j * 1e-3);
        }
        assertThat(p.relativeRoot()).isEqualTo(new Vec3(1e-3, 2e-3, 3e-3));
    }

    @Test
    void badFilesGetOneLineNamingTheProblem() throws IOException {
        Path noFormat = dir.resolve("nf.json");
        Files.writeString(noFormat, "{\"samples\":[]}");
        assertThatThrownBy(() -> PredictionsReader.readAll(noFormat)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("nf.json").hasMessageContaining("\"format\" is missing");
        Path shortHand = dir.resolve("short.json");
        Files.writeString(shortHand, "{\"format\":\"ambidex.predictions/1\",\"unit\":\"m\",\"joint_order\":\"openpose\","
            + "\"samples\":[{\"id\":\"x\",\"hands\":{\"left\":{\"joints\":[[0,0,0],[1,1,1]]}}}]}");
        assertThatThrownBy(() -> PredictionsReader.readAll(shortHand)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("sample 0").hasMessageContaining("hands.left.joints").hasMessageContaining("21 rows");
        Path freihandStyle = dir.resolve("pred.json");
        Files.writeString(freihandStyle, "[[], []]");
        assertThatThrownBy(() -> PredictionsReader.readAll(freihandStyle)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("expected a JSON object");
        Path presence = dir.resolve("presence.json");
        Files.writeString(presence, "{\"format\":\"ambidex.predictions/1\",\"unit\":\"m\",\"joint_order\":\"openpose\","
            + "\"samples\":[{\"id\":\"x\",\"hands\":{\"left\":{\"present\":1.5}}}]}");
        assertThatThrownBy(() -> PredictionsReader.readAll(presence)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("[0, 1]");
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "{\"format\":\"ambidex.predictions/1\",\"unit\":\"m\",\"joint_order\":\"openpose\","
            + "\"samples\":[{\"id\":\"x\",\"hands\":{\"right\":{\"present\":0.5}}}]}");
        assertThatThrownBy(() -> PredictionsReader.readAll(empty)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("empty.json").hasMessageContaining("sample 0")
            .hasMessageContaining("\"hands.right\" has neither \"joints\" nor \"joints_2d\"");
    }

    @Test
    void anIndexGivesRandomAccessById() throws IOException {
        List<Prediction> preds = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            preds.add(new Prediction("id" + i, HandPrediction.ofJoints(TestHands.hand(0.01 * i, 0, 0.5)), null,
                i == 3 ? new Vec3(0.1, 0.2, 0.3) : null));
        }
        Path file = dir.resolve("indexed.json");
        PredictionsWriter.write(file, Map.of(), preds);
        try (PredictionsReader.Index index = PredictionsReader.open(file).index()) {
            assertThat(index.size()).isEqualTo(5);
            for (int i = 4; i >= 0; i--) {
                Prediction p = index.get("id" + i);
                assertThat(p.right().joints()).containsExactly(preds.get(i).right().joints());
            }
            assertThat(index.get("id3").relativeRoot()).isEqualTo(new Vec3(0.1, 0.2, 0.3));
            assertThat(index.get("nope")).isNull();
        }
        Path twice = dir.resolve("twice.json");
        Files.writeString(twice, "{\"format\":\"ambidex.predictions/1\",\"unit\":\"m\",\"joint_order\":\"openpose\","
            + "\"samples\":[{\"id\":\"a\",\"hands\":{}},{\"id\":\"a\",\"hands\":{}}]}");
        assertThatThrownBy(() -> PredictionsReader.open(twice).index()).isInstanceOf(BadInputException.class)
            .hasMessageContaining("\"a\" was already used");
    }
}
