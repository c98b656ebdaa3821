package org.ambidex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ambidex.PlanarImages;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Bbox;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npy;
import org.ambidex.io.numpy.Npz;
import org.ambidex.nets.PyTorch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S2HAND through the Java API ({@code --model s2hand:FILE}): a random network from src/test/python/s2hand_reference.py
 * on the 224-pixel image it ran on, given as a whole-image box with a camera, as the reference evaluates FreiHAND.
 */
class S2HandReconstructorTest {

    static final Path MANO_DIR = Path.of("src/test/resources/fixtures/mano-format");
    static final Intrinsics K = new Intrinsics(480, 470, 110, 115);

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws Exception {
        PyTorch.assumeAvailable(false);
        PyTorch.scriptAt(Path.of("src/test/python/s2hand_reference.py"), dir.toString(),
            MANO_DIR.resolve("MANO_RIGHT.npz").toString(), "11",
            "examples/images/train/Capture2/synth_single/cam410000/image4.jpg");
    }

    /** The generator's input as an 8-bit image (its values are 8-bit samples / 255). */
    static BufferedImage inputImage() {
        return PlanarImages.rgb(Npy.read(dir.resolve("input.npy")).toFloatArray(), 0, 224);
    }

    @Test
    void wholeImageWithCameraGivesTheReferenceJointsVerticesAndProjection() {
        Map<String, NdArray> ref = Npz.read(dir.resolve("outputs.npz"));
        double[] joints = ref.get("joints").toDoubleArray();
        double[] vertices = ref.get("vertices").toDoubleArray();
        ModelSpec spec = ModelSpec.parse("s2hand:" + dir.resolve("texturehand_test.t7"));
        try (Reconstructor r = Reconstructor.open(spec,
            ReconstructorOptions.DEFAULT.withHandModel(MANO_DIR.toString()))) {
            Reconstruction out = r.reconstruct(inputImage(), new ReconstructionRequest(new Bbox(0, 0, 224, 224), K,
                null));
            assertThat(out.hands()).hasSize(1);
            HandReconstruction hand = out.hands().get(0);
            assertThat(hand.side()).isEqualTo(HandSide.RIGHT);
            // 1e-5 m beyond the float32 rounding the reference itself carries (its distance from the same network
            // evaluated in float64): two float32 implementations round differently on different processors (on an
            // AMD EPYC the reference's joints are 4.5e-6 m from float64, ambidex's 1.1e-5 m from the reference).
            Map<String, NdArray> exact = Npz.read(dir.resolve("outputs64.npz"));
            double jointRounding = maxDiff(joints, exact.get("joints").toDoubleArray());
            double vertexRounding = maxDiff(vertices, exact.get("vertices").toDoubleArray());
            assertThat(maxDiff(hand.jointsCamera(), joints)).as("joints, metres").isLessThan(1e-5 + jointRounding);
            assertThat(maxDiff(hand.mesh().vertices(), vertices)).as("vertices, metres")
                .isLessThan(1e-5 + vertexRounding);
            double[] uv = hand.joints2d();
            for (int j = 0; j < 21; j++) {
                double[] q = K.project(Vec3.of(joints, 3 * j));
                assertThat(Math.abs(uv[2 * j] - q[0]) + Math.abs(uv[2 * j + 1] - q[1])).as("joint %d, pixels", j)
                    .isLessThan(1e-2);
            }
            double[] colours = hand.mesh().vertexColors();
            assertThat(colours).hasSize(778 * 3);
            assertThat(java.util.Arrays.stream(colours).allMatch(c -> c >= 0 && c <= 1)).isTrue();
            assertThat(hand.mesh().parameters().get("lights"))
                .containsExactly(ref.get("lights").toDoubleArray(), org.assertj.core.api.Assertions.within(1e-4));
            assertThat(out.intrinsicsSource()).isEqualTo(ValueSource.GIVEN);
            assertThat(out.rootDepth()).isEqualTo(hand.jointsCamera()[2]);
        }
    }

    @Test
    void aMissingManoFileIsOneLineSayingWhereItWasLookedFor() throws Exception {
        Path alone = Files.createDirectories(dir.resolve("alone"));
        Path checkpoint = Files.copy(dir.resolve("texturehand_test.t7"), alone.resolve("texturehand_test.t7"));
        ModelSpec spec = ModelSpec.parse("s2hand:" + checkpoint);
        assertThatThrownBy(() -> Reconstructor.open(spec, ReconstructorOptions.DEFAULT))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("S2HAND needs the official MANO_RIGHT.pkl")
            .hasMessageContaining(alone.toString())
            .hasMessageContaining("--hand-model")
            .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Reconstructor.open(spec,
            ReconstructorOptions.DEFAULT.withHandModel(alone.resolve("MANO_RIGHT.pkl").toString())))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("S2HAND needs the official MANO_RIGHT.pkl");
    }

    @Test
    void withoutABoxTheFinderSuppliesOneCropPerHandAndLeftHandsAreMirrored() {
        ModelSpec spec = ModelSpec.parse("s2hand:" + dir.resolve("texturehand_test.t7"));
        // A synthetic render of a right and a left hand (examples/): the MediaPipe finder sees both.
        Path photo = Path.of("examples/images/train/Capture0/synth_point/cam410000/image0.jpg");
        try (Reconstructor r = Reconstructor.open(spec,
            ReconstructorOptions.DEFAULT.withHandModel(MANO_DIR.toString()))) {
            Reconstruction out = r.reconstruct(photo, ReconstructionRequest.wholeImage());
            assertThat(out.hands()).extracting(HandReconstruction::side)
                .containsExactlyInAnyOrder(HandSide.RIGHT, HandSide.LEFT);
            assertThat(out.intrinsicsSource()).isEqualTo(ValueSource.ASSUMED);
            assertThat(out.cropBox().width()).isLessThan(out.imageWidth());
            int[] right = out.right().mesh().faces();
            int[] left = out.left().mesh().faces();
            // The left mesh is the mirrored right one: the same triangles, turned round.
            assertThat(left[0]).isEqualTo(right[0]);
            assertThat(left[1]).isEqualTo(right[2]);
            assertThat(left[2]).isEqualTo(right[1]);
            for (HandReconstruction h : out.hands()) {
                assertThat(h.presence()).isGreaterThan(HandReconstruction.PRESENT);
                assertThat(h.mesh().vertexColors()).hasSize(778 * 3);
                assertThat(java.util.Arrays.stream(h.jointsCamera()).allMatch(Double::isFinite)).isTrue();
            }
            Reconstruction one;
            try (Reconstructor single = Reconstructor.open(spec,
                ReconstructorOptions.DEFAULT.withHandModel(MANO_DIR.toString()).withMaxHands(1))) {
                one = single.reconstruct(photo, ReconstructionRequest.wholeImage());
            }
            assertThat(one.hands()).hasSize(1);
        }
    }

    private static double maxDiff(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
