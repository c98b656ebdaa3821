package org.ambidex.train.intaghand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.intaghand.HandGraphs;
import org.ambidex.nets.intaghand.IntagHandModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IntagHand's training loss terms on one fixed batch (a render's crop and its mirror image, random targets) with
 * random weights, against src/test/python/intaghand_reference.py's 'loss' mode (torch, written from core/Loss.py's
 * facts): every term to 1e-5 relative. The network runs in evaluation mode, so that dropout does not differ.
 */
@Tag("slow")
class IntagHandLossTest {

    static final Path MANO = Path.of("src/test/resources/fixtures/mano-format");

    @TempDir
    Path dir;

    private NDArray array(NDManager m, String name, long... shape) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name))).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return m.create(f, new Shape(shape));
    }

    private long[] longs(String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name))).order(ByteOrder.LITTLE_ENDIAN);
        long[] v = new long[b.remaining() / 8];
        b.asLongBuffer().get(v);
        return v;
    }

    @Test
    void everyTermEqualsTheReference() throws IOException {
        PyTorch.assumeImports("torch", "numpy", "cv2", "scipy");
        Path photo = dir.resolve("photo.png");
        ImageIO.write(ImageIO.read(Path.of("examples/images/train/Capture4/synth_cross/cam410000/image9.jpg")
            .toFile()), "png", photo.toFile());
        Path script = Path.of("src/test/python/intaghand_reference.py");
        PyTorch.scriptAt(script, "make", dir.toString(), photo.toString(), "120,190,235,290");
        int epoch = 60; // past NORM_EPOCH, so the edge term counts
        PyTorch.scriptAt(script, "loss", dir.toString(), MANO.toString(), Integer.toString(epoch));
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("losses.json").toFile());

        HandModel left = HandModelLoader.load(MANO, HandSide.LEFT, true);
        HandModel right = HandModelLoader.load(MANO, HandSide.RIGHT, true);
        HandGraphs leftGraphs = HandGraphs.read(dir.resolve("misc/graph_left.pkl"));
        HandGraphs rightGraphs = HandGraphs.read(dir.resolve("misc/graph_right.pkl"));
        // the fixture's faces with its degenerate ones replaced, as the generator used them (it says why)
        IntagHandLoss loss = new IntagHandLoss(left, right, leftGraphs, rightGraphs).withFaces(longs("faces_left.i64"),
            longs("faces_right.i64"));
        try (IntagHandModel model = IntagHandModel.open(dir.resolve("misc"), null);
             NDManager m = NDManager.newBaseManager()) {
            int b = 2;
            NDArray x = array(m, "batch.f32", b, 3, 256, 256);
            NDList out = model.network().forwardWithAuxiliary(new ParameterStore(m, false), x, false);
            IntagHandTargets t = new IntagHandTargets(array(m, "gt_v3d_l.f32", b, 778, 3),
                array(m, "gt_v3d_r.f32", b, 778, 3), array(m, "gt_v2d_l.f32", b, 778, 2),
                array(m, "gt_v2d_r.f32", b, 778, 2), array(m, "gt_root_rel.f32", b, 3),
                array(m, "gt_mask.f32", b, 2, 64, 64), array(m, "gt_dense.f32", b, 3, 64, 64),
                array(m, "gt_hms.f32", b, 42, 64, 64));
            Map<String, NDArray> terms = loss.terms(out, t, epoch);
            assertThat(terms.keySet()).containsExactlyInAnyOrderElementsOf(() -> expected.fieldNames());
            org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                double want = expected.get(name).asDouble();
                double got = terms.get(name).getFloat();
                System.out.printf("%-20s ambidex %.9g torch %.9g%n", name, got, want);
                soft.assertThat(got).as(name).isCloseTo(want, within(1e-5 * Math.abs(want) + 1e-12));
            }
            soft.assertAll();
        }
    }
}
