package org.ambidex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import java.util.List;
import org.ambidex.data.Bbox;
import org.ambidex.detect.DetectedHand;
import org.ambidex.detect.FinderOptions;
import org.ambidex.detect.HandFinder;
import org.ambidex.eval.ManoJointRegressor;
import org.ambidex.geom.Affine2;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.mediapipe.MediaPipeModel;
import org.ambidex.nets.tflite.TfliteNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code intaghand} architecture end to end on files made by src/test/python/intaghand_reference.py (random
 * weights): the reconstruction's meshes are the reference network's vertices, its 2-D joints the reference's
 * orthographic projection of the regressed joints mapped back with the reference's own crop matrix, and without a
 * box the crop follows the hands MediaPipe finds, or nothing is cropped when it finds none.
 */
@Tag("slow")
class IntagHandReconstructorTest {

    /** MANO's file layout with 778 vertices (not MANO's values), as --hand-model. */
    static final Path MANO = Path.of("src/test/resources/fixtures/mano-format");
    static final Path RENDER = Path.of("examples/images/train/Capture4/synth_cross/cam410000/image9.jpg");

    @TempDir
    static Path tmp;
    static Reconstructor reconstructor;
    static BufferedImage image;

    @BeforeAll
    static void open() throws IOException {
        PyTorch.assumeImports("torch", "numpy", "cv2", "scipy");
        image = ImageIO.read(RENDER.toFile());
        ImageIO.write(image, "png", tmp.resolve("photo.png").toFile());
        PyTorch.scriptAt(Path.of("src/test/python/intaghand_reference.py"), "make", tmp.toString(),
            tmp.resolve("photo.png").toString(), "120,190,235,290");
        image = ImageIO.read(tmp.resolve("photo.png").toFile());
        ModelSpec spec = ModelSpec.parse("intaghand:" + tmp.resolve("misc"));
        reconstructor = spec.architecture().open(spec, ReconstructorOptions.DEFAULT.withHandModel(MANO.toString()));
    }

    @AfterAll
    static void close() {
        if (reconstructor != null) {
            reconstructor.close();
        }
    }

    static float[] floats(String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(tmp.resolve(name))).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    @Test
    void meshesAndTwoDJointsAreTheReferenceNetworksAboutTheBox() throws IOException {
        Reconstruction r = reconstructor.reconstruct(image, new ReconstructionRequest(new Bbox(120, 190, 115, 100),
            null, null));
        assertThat(r.hands()).hasSize(2);
        assertThat(r.relativeRoot()).isNull();
        String[] m = Files.readString(tmp.resolve("map.txt")).trim().split(" ");
        Affine2 toImage = new Affine2(Double.parseDouble(m[0]), Double.parseDouble(m[1]), Double.parseDouble(m[2]),
            Double.parseDouble(m[3]), Double.parseDouble(m[4]), Double.parseDouble(m[5])).inverse();
        HandModels mano = HandModels.resolve(MANO.toString());
        ManoJointRegressor regressor = new ManoJointRegressor(mano.right(), mano.left());
        for (HandSide side : HandSide.values()) {
            HandReconstruction hand = r.hand(side).orElseThrow();
            String name = side == HandSide.RIGHT ? "right" : "left";
            float[] ref = floats(name + "_verts.f32");
            float[] cam = floats(name + "_cam.f32");
            double[] v = hand.mesh().vertices();
            assertThat(v).hasSize(778 * 3);
            // the same mesh, moved as a whole into the camera
            for (int i = 3; i < v.length; i++) {
                assertThat(v[i] - v[i % 3]).isCloseTo(ref[i] - ref[i % 3], within(1e-5));
            }
            double[] refVerts = new double[ref.length];
            for (int i = 0; i < ref.length; i++) {
                refVerts[i] = ref[i];
            }
            double[] joints = regressor.joints(side.index(), refVerts);
            double[] uv = hand.joints2d();
            // The 2-D joints are the projection of the vertices (1e-5 above) by the network's camera, both float32
            // network outputs: libtorch builds and processors round them differently (1.3e-3 px seen on an AMD EPYC
            // against 1e-3 px elsewhere), so a hundredth of a pixel; a wrong crop or projection is pixels off.
            double pixels = 1e-2;
            for (int j = 0; j < 21; j++) {
                double cu = 256 * cam[0] * joints[3 * j] + 128 * (cam[1] + 1.0);
                double cv = 256 * cam[0] * joints[3 * j + 1] + 128 * (cam[2] + 1.0);
                double[] p = toImage.apply(cu, cv);
                assertThat(uv[2 * j]).as("u of joint " + j).isCloseTo(p[0], within(pixels));
                assertThat(uv[2 * j + 1]).as("v of joint " + j).isCloseTo(p[1], within(pixels));
            }
        }
    }

    @Test
    void withoutABoxTheCropIsTheSquareAboutTheLandmarksTheFinderSees() {
        Reconstruction r = reconstructor.reconstruct(image, ReconstructionRequest.wholeImage());
        assertThat(r.hands()).hasSize(2);
        List<DetectedHand> found;
        try (TfliteNetwork palms = MediaPipeModel.PALM_FULL.open();
             TfliteNetwork landmarks = MediaPipeModel.LANDMARK_FULL.open()) {
            found = new HandFinder(palms::run, landmarks::run, FinderOptions.DEFAULT).find(image);
        }
        assertThat(found).isNotEmpty();
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (DetectedHand d : found) {
            double[] xy = d.imageXy();
            for (int j = 0; j < 21; j++) {
                x0 = Math.min(x0, xy[2 * j]);
                x1 = Math.max(x1, xy[2 * j]);
                y0 = Math.min(y0, xy[2 * j + 1]);
                y1 = Math.max(y1, xy[2 * j + 1]);
            }
        }
        double side = Math.max(x1 - x0, y1 - y0) / 0.8;
        Bbox crop = r.cropBox();
        assertThat(crop.width()).isCloseTo(side, within(1e-6));
        assertThat(crop.centreX()).isCloseTo((x0 + x1) / 2, within(1e-6));
        assertThat(crop.centreY()).isCloseTo((y0 + y1) / 2, within(1e-6));
        // the reported region is the one cropped about: the extent of the landmarks, not the whole image
        assertThat(new double[] {r.bbox().x(), r.bbox().y(), r.bbox().width(), r.bbox().height()})
            .containsExactly(x0, y0, x1 - x0, y1 - y0);
    }

    @Test
    void withoutAHandModelItIsRefusedSayingWhy() {
        ModelSpec spec = ModelSpec.parse("intaghand:" + tmp.resolve("misc"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> spec.architecture().open(spec,
            ReconstructorOptions.DEFAULT)).isInstanceOf(org.ambidex.core.BadInputException.class)
            .hasMessageContaining("--hand-model");
    }

    @Test
    void aPhotoWithoutHandsIsReportedNotCropped() {
        BufferedImage dark = new BufferedImage(200, 160, BufferedImage.TYPE_INT_RGB);
        Reconstruction r = reconstructor.reconstruct(dark, ReconstructionRequest.wholeImage());
        assertThat(r.hands()).isEmpty();
        assertThat(r.note()).contains("no hand found");
    }
}
