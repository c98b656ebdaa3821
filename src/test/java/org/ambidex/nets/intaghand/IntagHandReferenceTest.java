package org.ambidex.nets.intaghand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.ambidex.core.BadInputException;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.IntagHandCrop;
import org.ambidex.geom.Intrinsics;
import org.ambidex.nets.PyTorch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IntagHand with random weights and batch-norm statistics against src/test/python/intaghand_reference.py (torch,
 * written from the reference's facts): the generator writes {@code misc/} in the published layout (checkpoint with
 * {@code module.} prefix, graph pickles with scipy matrices and a pickled tensor) and its outputs on a crop of a render
 * of two hands; ambidex opens the folder, crops the same photo and must give the same crop, input and vertices.
 */
@Tag("slow")
class IntagHandReferenceTest {

    /** A render of two crossed hands (the repository holds no photograph); passed to torch as PNG, so that both
     * sides crop the same decoded pixels. */
    static final Path PHOTO = Path.of("examples/images/train/Capture4/synth_cross/cam410000/image9.jpg");
    static final double[] BOX = {120, 190, 235, 290};

    @TempDir
    static Path tmp;

    @BeforeAll
    static void generate() throws IOException {
        PyTorch.assumeImports("torch", "numpy", "cv2", "scipy");
        ImageIO.write(ImageIO.read(PHOTO.toFile()), "png", tmp.resolve("photo.png").toFile());
        PyTorch.scriptAt(Path.of("src/test/python/intaghand_reference.py"), "make", tmp.toString(),
            tmp.resolve("photo.png").toString(), "120,190,235,290");
    }

    static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    static float[] crop() throws IOException {
        FloatImage photo = FloatImage.ofRgb(ImageIO.read(tmp.resolve("photo.png").toFile()));
        return IntagHandCrop.of(BOX, new Intrinsics(1, 1, 0, 0)).apply(photo).toArray();
    }

    @Test
    void cropAndInputEqualTheReference() throws IOException {
        float[] ours = crop();
        byte[] theirs = Files.readAllBytes(tmp.resolve("crop.u8"));
        int differ = 0;
        for (int i = 0; i < ours.length; i++) {
            differ += (theirs[i] & 0xFF) != (int) ours[i] ? 1 : 0;
        }
        assertThat(differ).as("crop samples differing from cv2.warpAffine").isZero();
        assertThat(IntagHandInput.of(ours)).containsExactly(floats(tmp.resolve("input.f32")));
    }

    /**
     * The network as loaded, then as the architecture predicts with it (batch norms folded, the ResNet in
     * channels-last memory on prepacked oneDNN weights).
     */
    @Test
    void verticesEqualTheReference() throws IOException {
        try (IntagHandModel model = IntagHandModel.open(tmp.resolve("misc"), null)) {
            assertEqualsReference(model, "as loaded");
            model.network().foldBatchNorms(model.manager());
            assertEqualsReference(model, "folded, prepacked");
        }
    }

    private static void assertEqualsReference(IntagHandModel model, String how) throws IOException {
        IntagHandPrediction p = model.predict(IntagHandInput.of(crop()), 1).get(0);
        double dl = maxDiff(p.leftVertices(), floats(tmp.resolve("left_verts.f32")));
        double dr = maxDiff(p.rightVertices(), floats(tmp.resolve("right_verts.f32")));
        double dc = Math.max(maxDiff(p.leftCamera(), floats(tmp.resolve("left_cam.f32"))),
            maxDiff(p.rightCamera(), floats(tmp.resolve("right_cam.f32"))));
        System.out.printf("IntagHand %s vs torch: vertices left %.3g right %.3g, camera %.3g%n", how, dl, dr, dc);
        assertThat(dl).as(how).isLessThanOrEqualTo(1e-5);
        assertThat(dr).as(how).isLessThanOrEqualTo(1e-5);
        assertThat(dc).as(how).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void aCheckpointThatDoesNotFitIsRefusedListingWhatDoesNotFit() {
        HandGraphs left = HandGraphs.read(tmp.resolve("misc/graph_left.pkl"));
        HandGraphs right = HandGraphs.read(tmp.resolve("misc/graph_right.pkl"));
        assertThatThrownBy(() -> IntagHandModel.fromCheckpoint(tmp.resolve("bad.pth"), left, right))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("bad.pth")
            .hasMessageContaining("decoder.coord_head.bias")
            .hasMessageContaining("decoder.avg_head.weight")
            .hasMessageContaining("decoder.extra.weight");
    }

    @Test
    void aGraphFileOfTheWrongShapeIsRefused() {
        assertThatThrownBy(() -> IntagHandModel.open(tmp.resolve("misc/model/interhand.pth"), tmp.resolve("badgraph")))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("graph_left.pkl")
            .hasMessageContaining("60, 126 and 252 nodes");
        assertThatThrownBy(() -> IntagHandModel.open(tmp.resolve("nothing-here"), null))
            .isInstanceOf(BadInputException.class).hasMessageContaining("nothing-here");
    }

    static double maxDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
