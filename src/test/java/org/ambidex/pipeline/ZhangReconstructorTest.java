package org.ambidex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.ambidex.data.Bbox;
import org.ambidex.hand.HandJoint;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.image.Images;
import org.ambidex.io.numpy.Npy;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.zhang.ZhangModel;
import org.ambidex.nets.zhang.ZhangPrediction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Zhang reconstructor: the demo's input without a box equals OpenCV's (src/test/python/zhang_reference.py
 * demo-input), and the hands it returns are the network's meshes moved rigidly, the left one at the network's
 * relative placement from the right one.
 */
class ZhangReconstructorTest {

    static final Path SCRIPT = Path.of("src/test/python/zhang_reference.py");
    static final Path IMAGE = Path.of("src/test/resources/fixtures/nets/tiny-internet/hands.png");

    @TempDir
    Path tmp;

    @Test
    void withoutABoxTheInputIsTheDemosTopLeftScaling() throws IOException {
        PyTorch.assumeAvailable(true);
        PyTorch.scriptAt(SCRIPT, "demo-input", tmp.toString(), IMAGE.toString());
        float[] reference = Npy.read(tmp.resolve("input.npy")).toFloatArray();
        float[] ours = ZhangReconstructor.input(Images.read(IMAGE), null);
        assertThat(ours).hasSameSizeAs(reference);
        double worst = 0;
        for (int i = 0; i < ours.length; i++) {
            worst = Math.max(worst, Math.abs(ours[i] - reference[i]));
        }
        assertThat(worst).as("largest difference from OpenCV's, RGB / 255").isLessThan(1e-5);
        // The image is 200 x 150: rows from 192 on are the black border.
        assertThat(ours[3 * 256 * 256 - 1]).isZero();
    }

    @Test
    void v2ReadsImagesAsStoredAndV1Upright() {
        // v2's demo.py reads with IMREAD_IGNORE_ORIENTATION, v1's test.py with OpenCV's default.
        assertThat(Architectures.named("zhang").orElseThrow().appliesExifOrientation()).isFalse();
        assertThat(Architectures.named("zhang-v1").orElseThrow().appliesExifOrientation()).isTrue();
        assertThat(Architectures.named("zhang").orElseThrow().needsBox()).isFalse();
    }

    @Test
    void heatMapsWithoutAPositiveMaximumStillGiveFiniteHands() {
        double[] joints = new double[126];
        for (int i = 0; i < joints.length; i++) {
            joints[i] = (i * 7 % 50) - 25; // mm, some spread
        }
        ZhangPrediction p = new ZhangPrediction(joints, new double[1556 * 3], new double[] {0.1, 0.5, 0, 0},
            new double[2][48], new double[2][10], new double[84], new double[42], new double[] {0.9, 0.9});
        try (ZhangModel model = ZhangModel.random(org.ambidex.nets.zhang.ZhangVariant.V2, 1)) {
            ZhangReconstructor r = new ZhangReconstructor(model, "zhang:test");
            Reconstruction rec = r.toReconstruction(p, ReconstructionRequest.wholeImage(), null, 200, 150);
            for (HandReconstruction h : rec.hands()) {
                assertThat(java.util.Arrays.stream(h.jointsCamera()).allMatch(Double::isFinite)).isTrue();
                assertThat(java.util.Arrays.stream(h.mesh().vertices()).allMatch(Double::isFinite)).isTrue();
            }
            assertThat(rec.rootDepth()).isPositive();
        }
    }

    @Tag("slow")
    @Test
    void handsAreTheNetworksMeshesPlacedByItsRelativePlacement() throws IOException {
        PyTorch.assumeAvailable(true);
        PyTorch.scriptAt(SCRIPT, "net", tmp.toString(), "3", IMAGE.toString(), "30,20,90,60"); // both hands present
        Path snapshot = tmp.resolve("snapshot.pth.tar");
        BufferedImage image = Images.read(IMAGE);
        Bbox box = new Bbox(30, 20, 90, 60);
        ZhangPrediction raw;
        try (ZhangModel model = ZhangModel.fromCheckpoint(snapshot)) {
            // as the architecture opens it to predict (ZhangReferenceTest compares the network with the reference)
            model.network().interNet().resnet().foldBatchNorms(model.manager());
            raw = model.predict(ZhangReconstructor.input(image, box), 1).get(0);
        }
        int mcp = JointOrder.OPENPOSE.indexOf(HandJoint.MIDDLE_MCP);
        try (Reconstructor r = Reconstructor.open("zhang:" + snapshot)) {
            assertThat(r.architecture().name()).isEqualTo("zhang");
            Reconstruction rec = r.reconstruct(image, ReconstructionRequest.wholeImage().withBox(box));
            assertThat(rec.note()).contains("no camera");
            assertThat(rec.intrinsicsSource()).isEqualTo(ValueSource.ASSUMED);
            double[][] mcps = new double[2][];
            double[] lengths = new double[2];
            for (int h = 0; h < 2; h++) {
                HandReconstruction hand = rec.hands().get(h);
                assertThat(hand.mesh().vertices()).hasSize(778 * 3);
                assertThat(hand.mesh().faces()).hasSize(1538 * 3);
                assertThat(hand.presence()).isEqualTo(raw.handType()[h]);
                double[] net = JointOrder.OPENPOSE.convert(java.util.Arrays.copyOfRange(raw.joints(), 63 * h,
                    63 * h + 63), JointOrder.MANO16_TIPS, 3);
                double[] placed = hand.jointsCamera();
                for (int j = 0; j < 21; j++) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(placed[3 * j + c] - placed[3 * mcp + c]).as("hand %d joint %d axis %d", h, j, c)
                            .isCloseTo((net[3 * j + c] - net[3 * mcp + c]) / 1000, within(1e-9));
                    }
                }
                mcps[h] = java.util.Arrays.copyOfRange(placed, 3 * mcp, 3 * mcp + 3);
                lengths[h] = Math.sqrt(sq(net[3 * mcp] - net[0]) + sq(net[3 * mcp + 1] - net[1])
                    + sq(net[3 * mcp + 2] - net[2]));
                assertThat(hand.mesh().parameters().get("hand_pose")).containsExactly(
                    java.util.Arrays.copyOfRange(raw.pose()[h], 3, 48), within(1e-12));
            }
            assertThat(rec.hands().get(1).mesh().parameters().get("placement")).containsExactly(raw.placement(),
                within(1e-12));
            double scale = Math.exp(raw.placement()[0]) * lengths[0] / 1000;
            for (int c = 0; c < 3; c++) {
                assertThat(mcps[1][c] - mcps[0][c]).as("left MCP from the right one, axis %d", c)
                    .isCloseTo(raw.placement()[1 + c] * scale, within(1e-9));
            }
            double[] rw = rec.hands().get(0).jointsCamera();
            double[] lw = rec.hands().get(1).jointsCamera();
            assertThat(rec.relativeRoot().x()).isCloseTo(lw[0] - rw[0], within(1e-12));
            assertThat(rec.relativeRootDepth()).isCloseTo(lw[2] - rw[2], within(1e-12));

            Reconstruction deep = r.reconstruct(image, ReconstructionRequest.wholeImage().withBox(box)
                .withRootDepth(0.9));
            assertThat(rec.hands()).allMatch(HandReconstruction::present);
            int reference = 0;
            assertThat(deep.hands().get(reference).jointsCamera()[2]).as("the wrist at the given depth")
                .isCloseTo(0.9, within(1e-9));
            assertThat(deep.rootDepthSource()).isEqualTo(ValueSource.GIVEN);
            Reconstruction each = r.reconstruct(image, ReconstructionRequest.wholeImage().withBox(box)
                .withRootDepths(0.8, 0.95));
            assertThat(each.hands().get(0).jointsCamera()[2]).as("right wrist").isCloseTo(0.8, within(1e-9));
            assertThat(each.hands().get(1).jointsCamera()[2]).as("left wrist").isCloseTo(0.95, within(1e-9));
        }
    }

    private static double sq(double x) {
        return x * x;
    }
}
