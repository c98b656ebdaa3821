package org.ambidex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import org.ambidex.data.Bbox;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.HandSide;
import org.ambidex.io.image.Images;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default architecture end to end on a bundled render in which the MediaPipe networks find one right hand:
 * the hand's landmarks, fitted mesh and parameters in one camera, a given root depth, a given box, and a photo
 * without hands.
 */
class PhotoReconstructorTest {

    static final Path IMAGE = Path.of("examples/images/train/Capture2/synth_single/cam410000/image4.jpg");

    static Reconstructor reconstructor;
    static BufferedImage photo;
    static Reconstruction result;

    @BeforeAll
    static void reconstruct() {
        reconstructor = Reconstructor.openDefault();
        photo = Images.read(IMAGE);
        result = reconstructor.reconstruct(photo, ReconstructionRequest.wholeImage());
    }

    @AfterAll
    static void close() {
        reconstructor.close();
    }

    @Test
    void theDefaultIsTheMediaPipeHandFinderWithFittedMeshes() {
        assertThat(reconstructor.architecture().name()).isEqualTo("mediapipe");
        assertThat(result.model()).isEqualTo("mediapipe:" + ModelSpec.BUILT_IN);
        assertThat(result.hands()).hasSize(1);
        HandReconstruction hand = result.hands().get(0);
        assertThat(hand.side()).isEqualTo(HandSide.RIGHT);
        assertThat(hand.present()).isTrue();
        int vertices = HandModels.resolve(hand.mesh().handModel()).right().vTemplate().shape()[0];
        assertThat(hand.mesh().vertices()).hasSize(3 * vertices);
        assertThat(result.intrinsicsSource()).isEqualTo(ValueSource.ASSUMED);
        assertThat(result.rootDepthSource()).isEqualTo(ValueSource.ESTIMATED);
        assertThat(result.rootDepth()).isEqualTo(hand.jointsCamera()[2]).isBetween(0.1, 3.0);
        assertThat(result.relativeRoot()).isNull(); // one hand: no relative placement
        assertThat(result.note()).isNull();
    }

    @Test
    void theFittedJointsProjectOntoTheLandmarksTheNetworkFound() {
        HandReconstruction hand = result.hands().get(0);
        Intrinsics k = result.intrinsics();
        double[] cam = hand.jointsCamera();
        double[] uv = hand.joints2d();
        double sum = 0;
        for (int j = 0; j < 21; j++) {
            double[] p = k.project(new org.ambidex.geom.Vec3(cam[3 * j], cam[3 * j + 1], cam[3 * j + 2]));
            sum += Math.hypot(p[0] - uv[2 * j], p[1] - uv[2 * j + 1]);
        }
        double extent = extent(uv);
        assertThat(sum / 21).as("mean reprojection distance, pixels").isLessThan(0.08 * extent);
    }

    @Test
    void theExportedParametersPoseTheExportedMesh() {
        HandReconstruction hand = result.hands().get(0);
        Map<String, double[]> p = hand.mesh().parameters();
        HandModels models = HandModels.resolve(hand.mesh().handModel());
        try (NDManager m = NDManager.newBaseManager();
             HandLayer layer = new HandLayer(models.right(), m, DataType.FLOAT64)) {
            HandParams params = new HandParams(m.create(p.get("betas"), new Shape(1, 10)),
                m.create(p.get("global_orient"), new Shape(1, 3)), m.create(p.get("hand_pose"), new Shape(1, 45)),
                HandPoseKind.AXIS_ANGLE, m.create(p.get("transl"), new Shape(1, 3)), false);
            try (HandOutput out = layer.forward(params)) {
                double[] posed = out.vertices().toDoubleArray();
                double[] exported = hand.mesh().vertices();
                for (int i = 0; i < posed.length; i++) {
                    assertThat(posed[i]).isCloseTo(exported[i], within(1e-5));
                }
            }
        }
    }

    @Test
    void aGivenRootDepthMovesTheHandAlongItsRayKeepingItsShape() {
        Reconstruction moved = reconstructor.reconstruct(photo, ReconstructionRequest.wholeImage().withRootDepth(0.9));
        assertThat(moved.rootDepthSource()).isEqualTo(ValueSource.GIVEN);
        assertThat(moved.rootDepth()).isCloseTo(0.9, within(1e-9));
        double[] a = result.hands().get(0).jointsCamera();
        double[] b = moved.hands().get(0).jointsCamera();
        // The wrist stays on its ray; the hand is translated rigidly.
        assertThat(b[0] / b[2]).isCloseTo(a[0] / a[2], within(1e-9));
        assertThat(b[1] / b[2]).isCloseTo(a[1] / a[2], within(1e-9));
        for (int j = 1; j < 21; j++) {
            for (int c = 0; c < 3; c++) {
                assertThat(b[3 * j + c] - b[c]).isCloseTo(a[3 * j + c] - a[c], within(1e-9));
            }
        }
    }

    @Test
    void aBoxAroundTheHandGivesTheSameHandAndAPhotoWithoutHandsGivesNone() {
        double[] uv = result.hands().get(0).joints2d();
        double[] b = bounds(uv);
        Reconstruction boxed = reconstructor.reconstruct(photo, ReconstructionRequest.wholeImage()
            .withBox(new Bbox(b[0] - 10, b[1] - 10, b[2] - b[0] + 20, b[3] - b[1] + 20)));
        assertThat(boxed.hands()).isNotEmpty();
        double[] found = boxed.hands().get(0).joints2d();
        assertThat(Math.hypot(found[0] - uv[0], found[1] - uv[1])).isLessThan(0.1 * extent(uv));

        Reconstruction none = reconstructor.reconstruct(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB),
            ReconstructionRequest.wholeImage());
        assertThat(none.hands()).isEmpty();
        assertThat(none.note()).isEqualTo("no hand found in the image");
        assertThat(none.rootDepth()).isNull();
        assertThat(ReconstructionJson.toJson(none, "black.png")).contains("\"hands\" : [ ]")
            .contains("\"note\" : \"no hand found in the image\"");
    }

    private static double[] bounds(double[] uv) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int j = 0; j < 21; j++) {
            b[0] = Math.min(b[0], uv[2 * j]);
            b[1] = Math.min(b[1], uv[2 * j + 1]);
            b[2] = Math.max(b[2], uv[2 * j]);
            b[3] = Math.max(b[3], uv[2 * j + 1]);
        }
        return b;
    }

    private static double extent(double[] uv) {
        double[] b = bounds(uv);
        return Math.max(b[2] - b[0], b[3] - b[1]);
    }
}
