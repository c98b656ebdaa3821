package org.ambidex.train.intaghand;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ambidex.data.HandLayerRootJoint;
import org.ambidex.data.ManoCameraConversion;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.io.image.Images;
import org.ambidex.io.numpy.Npz;
import org.ambidex.nets.PyTorch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IntagHand's loader step ({@link IntagHandExamples#example}) against
 * {@code src/test/python/intaghand_data_reference.py}
 * (numpy and OpenCV, written from {@code core/loader.py}'s facts) on a frame prepared from a bundled example, under
 * three augmentations: a rotation, scale and colour change; another with the flip; none. The image, mask and
 * dense targets must be equal (OpenCV's 8-bit warp and resize reproduced), the 2-D and 3-D targets equal to float
 * precision; the heat maps differ by the 8-bit rounding the reference does after each of its three OpenCV steps.
 * The prepared heat-map levels ({@code render_data}) are compared too.
 */
class IntagHandExamplesReferenceTest {

    static final Path MANO = Path.of("src/test/resources/fixtures/mano-format");
    static final Path SCRIPT = Path.of("src/test/python/intaghand_data_reference.py");

    @Test
    void theLoaderStepEqualsTheGenerators(@TempDir Path dir) throws IOException {
        PyTorch.assumeImports("numpy", "cv2");
        IntagHandFrame frame = frame();
        IntagHandAugmentation[] augs = {
            new IntagHandAugmentation(37.5, 1.07, false, new double[] {0.8, 1.1, 1.25}, 7.3),
            new IntagHandAugmentation(-71.2, 0.93, true, new double[] {1.2, 0.75, 1.0}, -10.1),
            IntagHandAugmentation.none()};
        for (int a = 0; a < augs.length; a++) {
            IntagHandAugmentation aug = augs[a];
            Path in = dir.resolve("in" + a + ".npz");
            Path out = dir.resolve("out" + a + ".npz");
            Npz.write(in, inputs(frame, aug), false);
            PyTorch.scriptAt(SCRIPT, in.toString(), out.toString());
            Map<String, NdArray> ref = Npz.read(out);
            IntagHandExample ex = IntagHandExamples.example(frame, aug);
            String what = "augmentation " + a;
            assertThat(maxDiff(ex.image(), ref.get("image"))).as(what + " image").isZero();
            assertThat(maxDiff(ex.mask(), ref.get("mask"))).as(what + " mask").isZero();
            assertThat(maxDiff(ex.dense(), ref.get("dense"))).as(what + " dense").isZero();
            assertThat(maxDiff(ex.heatmaps(), ref.get("hms"))).as(what + " heat maps").isLessThan(0.006);
            assertThat(maxDiff(ex.verts2dLeft(), ref.get("v2d_l"))).as(what + " 2-D left").isLessThan(2e-5);
            assertThat(maxDiff(ex.verts2dRight(), ref.get("v2d_r"))).as(what + " 2-D right").isLessThan(2e-5);
            assertThat(maxDiff(ex.verts3dLeft(), ref.get("v3d_l"))).as(what + " 3-D left").isLessThan(3e-7);
            assertThat(maxDiff(ex.verts3dRight(), ref.get("v3d_r"))).as(what + " 3-D right").isLessThan(3e-7);
            assertThat(maxDiff(ex.rootRel(), ref.get("root_rel"))).as(what + " root_rel").isLessThan(3e-7);
            // the prepared heat maps: HeatmapGenerator's levels as render_data stores them
            assertThat(maxDiff(frame.heatmaps()[0].toArray(), ref.get("hm_levels_left"))).as("left levels").isZero();
            assertThat(maxDiff(frame.heatmaps()[1].toArray(), ref.get("hm_levels_right"))).as("right levels")
                .isZero();
            // not a vacuous comparison: the targets carry hands
            assertThat(sum(ex.mask())).as(what + " mask pixels").isGreaterThan(100);
            assertThat(max(ex.heatmaps())).as(what + " heat-map peak").isGreaterThan(0.5f);
        }
    }

    /** A prepared frame of the first usable bundled example, dense colours random. */
    static IntagHandFrame frame() {
        HandModel right = HandModelLoader.resolve(MANO.toString(), HandSide.RIGHT, true);
        HandModel left = HandModelLoader.resolve(MANO.toString(), HandSide.LEFT, true);
        try (HandLayerRootJoint roots = new HandLayerRootJoint(right, left);
             InterHandDataset data = InterHandDataset.open(Path.of("examples"), InterHandFilter.all("train"),
                 new InterHandDataset.Options(new ManoCameraConversion(roots), null));
             NDManager manager = NDManager.newBaseManager();
             HandLayer rl = new HandLayer(right, manager, DataType.FLOAT32);
             HandLayer ll = new HandLayer(left, manager, DataType.FLOAT32)) {
            Sample s = data.samples().stream().filter(IntagHandExamples::usable).findFirst().orElseThrow();
            SplittableRandom r = new SplittableRandom(4);
            float[] colours = new float[778 * 3];
            for (int i = 0; i < colours.length; i++) {
                colours[i] = (float) r.nextDouble();
            }
            return new IntagHandExamples(ll, rl, manager, colours).frame(s, FloatImage.ofRgb(Images.read(s.image())));
        }
    }

    static Map<String, NdArray> inputs(IntagHandFrame f, IntagHandAugmentation aug) {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("crop", NdArray.ofFloats(new int[] {256, 256, 3}, f.crop().toArray()));
        m.put("mask", NdArray.ofFloats(new int[] {256, 256, 2}, f.mask().toArray()));
        m.put("dense", NdArray.ofFloats(new int[] {256, 256, 3}, f.dense().toArray()));
        String[] side = {"left", "right"};
        for (int h = 0; h < 2; h++) {
            m.put("hms_" + side[h], NdArray.ofFloats(new int[] {64, 64, 21}, f.heatmaps()[h].toArray()));
            m.put("v2d_" + side[h], NdArray.ofDoubles(new int[] {778, 2}, f.verts2d()[h]));
            m.put("v3d_" + side[h], NdArray.ofDoubles(new int[] {778, 3}, f.verts3d()[h]));
            m.put("j3d_" + side[h], NdArray.ofDoubles(new int[] {21, 3}, f.joints3d()[h]));
            m.put("j2d_" + side[h], NdArray.ofDoubles(new int[] {21, 2}, f.joints2d()[h]));
        }
        m.put("theta", NdArray.ofDoubles(new int[0], aug.theta()));
        m.put("scale", NdArray.ofDoubles(new int[0], aug.scale()));
        m.put("flip", NdArray.ofDoubles(new int[0], aug.flip() ? 1 : 0));
        m.put("gains", NdArray.ofDoubles(new int[] {3}, aug.gains()));
        m.put("offset", NdArray.ofDoubles(new int[0], aug.offset()));
        return m;
    }

    static double maxDiff(float[] a, NdArray b) {
        double[] r = b.toDoubleArray();
        assertThat(r).hasSize(a.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - r[i]));
        }
        return m;
    }

    static double sum(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }

    static float max(float[] a) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
