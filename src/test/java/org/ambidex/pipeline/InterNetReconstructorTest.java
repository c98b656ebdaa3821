package org.ambidex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import org.ambidex.data.Bbox;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.InterNetCrop;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.NdArray;
import org.ambidex.io.image.Images;
import org.ambidex.io.numpy.Npy;
import org.ambidex.io.numpy.Npz;
import org.junit.jupiter.api.Test;

/**
 * The whole test-time pipeline on an image and a box against the reference made with OpenCV 4.6 and PyTorch 1.13
 * (src/test/python/internet_reference.py): the crop, the network and the joints mapped back to the image.
 */
class InterNetReconstructorTest {

    static final Path DIR = Path.of("src/test/resources/fixtures/nets/tiny-internet");
    static final Bbox BOX = new Bbox(30, 20, 90, 60);

    @Test
    void cropEqualsOpenCvsWarpDividedBy255() {
        BufferedImage image = Images.read(DIR.resolve("hands.png"));
        float[] ours = InterNetReconstructor.input(FloatImage.ofRgb(image), InterNetCrop.processBbox(BOX));
        float[] reference = Npy.read(DIR.resolve("input.npy")).toFloatArray();
        assertThat(ours).hasSameSizeAs(reference);
        for (int i = 0; i < ours.length; i++) {
            assertThat(ours[i]).as("input[%d]", i).isEqualTo(reference[i]);
        }
    }

    @Test
    void jointsInImagePixelsDepthsAndCameraFrame() {
        Map<String, NdArray> ref = Npz.read(DIR.resolve("outputs.npz"));
        double[] pixels = ref.get("pixels").toDoubleArray();
        double[] coords = ref.get("coords").toDoubleArray();
        float[] max = ref.get("max").toFloatArray();
        float[] second = ref.get("second").toFloatArray();
        Intrinsics k = new Intrinsics(500, 510, 100, 75);
        try (Reconstructor r = Reconstructor.open(ModelSpec.parse("internet:" + DIR.resolve("snapshot.pth.tar")))) {
            Reconstruction rec = r.reconstruct(Images.read(DIR.resolve("hands.png")),
                new ReconstructionRequest(BOX, k, 0.6));
            double relRoot = (ref.get("root").getDouble(0) / 64 * 2 - 1) * 0.2;
            assertThat(rec.relativeRootDepth()).isCloseTo(relRoot, within(1e-6));
            assertThat(rec.cropBox()).isEqualTo(InterNetCrop.processBbox(BOX));
            int clear = 0;
            for (HandSide side : HandSide.values()) {
                HandReconstruction h = rec.hands().get(side.index());
                assertThat(h.presence()).isCloseTo(ref.get("hand").getDouble(side.index()), within(1e-5));
                int[] gather = JointOrder.gatherFromInterHand42(side);
                double[] uv = h.joints2d();
                double[] rel = h.relativeDepth();
                double[] cam = h.jointsCamera();
                double root = side == HandSide.RIGHT ? 0.6 : 0.6 + relRoot;
                if (!rec.right().present() && rec.left().present()) {
                    root = side == HandSide.LEFT ? 0.6 : 0.6 - relRoot;
                }
                for (int j = 0; j < 21; j++) {
                    int src = gather[j];
                    // camera frame from the pixel and the depth, whatever the argmax
                    double z = root + rel[j];
                    assertThat(cam[3 * j + 2]).isCloseTo(z, within(1e-12));
                    assertThat(cam[3 * j]).isCloseTo((uv[2 * j] - 100) / 500 * z, within(1e-12));
                    assertThat(cam[3 * j + 1]).isCloseTo((uv[2 * j + 1] - 75) / 510 * z, within(1e-12));
                    if (max[src] - second[src] > 4e-5f * Math.max(1f, Math.abs(max[src]))) {
                        clear++;
                        assertThat(uv[2 * j]).as("u of %s %d", side, j).isCloseTo(pixels[2 * src], within(1e-4));
                        assertThat(uv[2 * j + 1]).as("v of %s %d", side, j).isCloseTo(pixels[2 * src + 1],
                            within(1e-4));
                        assertThat(rel[j]).isCloseTo((coords[3 * src + 2] / 8 * 2 - 1) * 0.2, within(1e-12));
                    }
                }
            }
            assertThat(clear).isGreaterThanOrEqualTo(21);
        }
    }
}
