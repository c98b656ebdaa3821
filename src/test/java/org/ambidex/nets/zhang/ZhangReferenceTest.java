package org.ambidex.nets.zhang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ambidex.data.Bbox;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.InterNetCrop;
import org.ambidex.io.NdArray;
import org.ambidex.io.image.Images;
import org.ambidex.io.numpy.Npy;
import org.ambidex.io.numpy.Npz;
import org.ambidex.nets.PyTorch;
import org.ambidex.pipeline.InterNetReconstructor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published v2 and v1 networks' shapes with random weights, random batch-norm statistics and random MANO-shaped data:
 * src/test/python/zhang_reference.py (written from SEED_PORTS.md section 1) writes the model file in the published
 * layout (v2: DataParallel prefix; v1: a bare state dict; storages tagged cuda:0) and PyTorch's outputs on the InterNet crop of an image about a
 * box; ambidex reads the snapshot, crops the same image itself and must give the same heat-map argmax, joints and
 * vertices within 1e-3 mm, and the same placement within 1e-5 of its largest component. Needs /usr/bin/python3 with torch and cv2;
 * skipped with a message otherwise.
 */
@Tag("slow")
class ZhangReferenceTest {

    static final Path SCRIPT = Path.of("src/test/python/zhang_reference.py");
    static final Path IMAGE = Path.of("src/test/resources/fixtures/nets/tiny-internet/hands.png");
    static final Bbox BOX = new Bbox(30, 20, 90, 60);

    @TempDir
    Path tmp;

    @Test
    void v2EqualsPyTorchOnAnImageWithABox() throws IOException {
        PyTorch.assumeAvailable(true);
        PyTorch.scriptAt(SCRIPT, "net", tmp.toString(), "7", IMAGE.toString(), "30,20,90,60");
        try (ZhangModel model = ZhangModel.fromCheckpoint(tmp.resolve("snapshot.pth.tar"))) {
            compare(model, "v2");
        }
    }

    @Test
    void v1EqualsPyTorchOnAnImageWithABox() throws IOException {
        PyTorch.assumeAvailable(true);
        PyTorch.scriptAt(SCRIPT, "net-v1", tmp.toString(), "7", IMAGE.toString(), "30,20,90,60");
        try (ZhangModel model = ZhangModel.fromV1Checkpoint(tmp.resolve("model.pts"))) {
            assertThat(model.variant()).isEqualTo(ZhangVariant.V1);
            compare(model, "v1");
        }
    }

    private void compare(ZhangModel model, String version) {
        Map<String, NdArray> ref = Npz.read(tmp.resolve("outputs.npz"));
        float[] input = InterNetReconstructor.input(FloatImage.ofRgb(Images.read(IMAGE)), InterNetCrop.processBbox(BOX));
        float[] refInput = Npy.read(tmp.resolve("input.npy")).toFloatArray();
        assertThat(maxDiff(input, refInput)).as("ambidex's crop against OpenCV's").isLessThan(1e-5);
        {
            ZhangPrediction p = model.predict(input, 1).get(0);
            double[] xyc = ref.get("xyc").toDoubleArray();
            for (int j = 0; j < 42; j++) {
                assertThat(p.heatmapXy()[2 * j]).as("argmax x of joint %d", j).isEqualTo(xyc[3 * j]);
                assertThat(p.heatmapXy()[2 * j + 1]).as("argmax y of joint %d", j).isEqualTo(xyc[3 * j + 1]);
            }
            double joints = maxDiff(p.joints(), ref.get("joints").toDoubleArray());
            double verts = maxDiff(p.vertices(), ref.get("verts").toDoubleArray());
            double[] refTrans = ref.get("trans").toDoubleArray();
            // Relative to the placement's largest component: a component near zero is a difference of large sums.
            double largest = 0;
            for (double t : refTrans) {
                largest = Math.max(largest, Math.abs(t));
            }
            double trans = maxDiff(p.placement(), refTrans) / largest;
            double[] refPose = ref.get("pose").toDoubleArray();
            double[] refShape = ref.get("shape").toDoubleArray();
            double params = 0;
            for (int h = 0; h < 2; h++) {
                for (int k = 0; k < 48; k++) {
                    params = Math.max(params, Math.abs(p.pose()[h][k] - refPose[48 * h + k]));
                }
                for (int k = 0; k < 10; k++) {
                    params = Math.max(params, Math.abs(p.shape()[h][k] - refShape[10 * h + k]));
                }
            }
            System.out.printf("Zhang %s vs PyTorch: joints %.2e mm, vertices %.2e mm, placement %.2e relative,"
                + " pose/shape %.2e%n", version, joints, verts, trans, params);
            assertThat(joints).as("largest joint difference, mm").isLessThanOrEqualTo(1e-3);
            assertThat(verts).as("largest vertex difference, mm").isLessThanOrEqualTo(1e-3);
            assertThat(trans).as("largest placement difference, relative").isLessThanOrEqualTo(1e-5);
            assertThat(params).as("largest pose/shape difference").isLessThanOrEqualTo(1e-5);
            // The network is not trivial: the hands have extent and the stages moved them.
            assertThat(spread(p.vertices())).as("vertex spread, mm").isGreaterThan(10);
        }
    }

    static double maxDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static double maxDiff(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static double spread(double[] packed) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i = 0; i < packed.length; i += 3) {
            lo = Math.min(lo, packed[i]);
            hi = Math.max(hi, packed[i]);
        }
        return hi - lo;
    }

}
