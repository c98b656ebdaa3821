package org.ambidex.train.zhang;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.data.ManoPair;
import org.ambidex.data.ManoParams;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.InterNetAugmentation;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.io.image.Images;
import org.ambidex.io.numpy.Npz;
import org.ambidex.nets.PyTorch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ZhangExamples}' targets against the generator's {@code targets} mode (v2's dataset code written from the
 * facts, with the fixture MANO models): the camera-frame MANO joints, their validity, betas, hand presence and MANO
 * validity of a bundled interacting sample with two joint flags off, flipped and rotated, and of the same sample with
 * its left hand's MANO parameters removed, not flipped.
 */
class ZhangExamplesTest {

    static final String MANO = "src/test/resources/fixtures/mano-format";

    @Test
    void targetsMatchTheGenerators(@TempDir Path dir) throws IOException {
        PyTorch.assumeAvailable(false);
        try (InterHandDataset data = InterHandDataset.open(Path.of("examples"), InterHandFilter.all("train"));
             NDManager manager = NDManager.newBaseManager();
             HandLayer right = new HandLayer(HandModelLoader.resolve(MANO, HandSide.RIGHT, true), manager,
                 DataType.FLOAT32);
             HandLayer left = new HandLayer(HandModelLoader.resolve(MANO, HandSide.LEFT, true), manager,
                 DataType.FLOAT32)) {
            ZhangExamples examples = new ZhangExamples(right, left, manager);
            Sample s = data.samples().stream().filter(ZhangExamples::usable).findFirst().orElseThrow();
            FloatImage image = FloatImage.ofRgb(Images.read(s.image()));
            InterNetAugmentation flipped = new InterNetAugmentation(0.05, -0.03, 1.1, 30, true,
                new double[] {1.1, 0.9, 1});
            // Two flags off: the right hand's slot 7 (that joint only) and the left's slot 4 (its whole hand, as the
            // reference multiplies every joint of a hand by its slots 4 and 0).
            boolean[] flags = s.jointValid();
            flags[7] = false;
            flags[21 + 4] = false;
            Sample masked = new Sample(s.image(), s.split(), s.capture(), s.sequence(), s.cameraId(), s.frame(),
                s.imageId(), s.annotationId(), s.width(), s.height(), s.camera(), s.jointsCam(), s.jointsPx(), flags,
                s.handType(), s.handTypeValid(), s.bbox(), s.manoWorld(), null, null);
            compare(dir.resolve("a"), examples, masked, image, flipped);
            Sample oneHand = new Sample(s.image(), s.split(), s.capture(), s.sequence(), s.cameraId(), s.frame(),
                s.imageId(), s.annotationId(), s.width(), s.height(), s.camera(), s.jointsCam(), s.jointsPx(),
                s.jointValid(), s.handType(), s.handTypeValid(), s.bbox(), new ManoPair(s.manoWorld().right(), null),
                null, null);
            compare(dir.resolve("b"), examples, oneHand, image, new InterNetAugmentation(0, 0, 0.9, -70, false,
                new double[] {1, 1, 1}));
        }
    }

    private static void compare(Path dir, ZhangExamples examples, Sample s, FloatImage image,
                                InterNetAugmentation aug) throws IOException {
        Files.createDirectories(dir);
        ZhangExample e = examples.make(s, image, aug);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("mano_dir", Path.of(MANO).toAbsolutePath().toString());
        List<Object> hands = new ArrayList<>();
        for (int h = 0; h < 2; h++) {
            ManoParams p = s.manoWorld().get(h);
            hands.add(p == null ? null : Map.of("pose", p.pose(), "shape", p.shape(), "trans", p.trans()));
        }
        spec.put("hands", hands);
        spec.put("rotation", s.camera().extrinsics().rotation().toRowMajor());
        spec.put("translation", new double[] {s.camera().extrinsics().translation().x(),
            s.camera().extrinsics().translation().y(), s.camera().extrinsics().translation().z()});
        boolean[] flags = s.jointValid();
        int[] f = new int[flags.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = flags[i] ? 1 : 0;
        }
        spec.put("flags", f);
        spec.put("hand_type", s.handType().presence());
        spec.put("flip", aug.flip());
        spec.put("rotation_deg", aug.rotation());
        Path in = dir.resolve("in.json");
        new ObjectMapper().writeValue(in.toFile(), spec);
        Path out = dir.resolve("targets.npz");
        PyTorch.scriptAt(Path.of("src/test/python/zhang_reference.py"), "targets", in.toString(), out.toString());
        Map<String, NdArray> ref = Npz.read(out);
        float[] joints = ref.get("joints").toFloatArray();
        float[] valid = ref.get("joint_valid").toFloatArray();
        assertThat(e.jointValid()).containsExactly(valid);
        assertThat(e.betas()).containsExactly(ref.get("betas").toFloatArray());
        assertThat(e.handType()).containsExactly(ref.get("hand_type").toFloatArray());
        assertThat(e.manoValid()).containsExactly(ref.get("mano_valid").toFloatArray());
        // Joints of hands with MANO parameters (a hand without them is a masked stand-in here, zeros there).
        double worst = 0;
        int compared = 0;
        for (int slot = 0; slot < 2; slot++) {
            int hand = aug.flip() ? 1 - slot : slot;
            if (s.manoWorld().get(hand) == null) {
                continue;
            }
            for (int k = slot * 63; k < slot * 63 + 63; k++) {
                worst = Math.max(worst, Math.abs(e.joints()[k] - joints[k]));
                compared++;
            }
        }
        System.out.printf("Zhang targets vs generator (%s): %d coordinates, largest difference %.3g mm%n",
            aug.flip() ? "flipped, rotated 30" : "one hand, rotated -70", compared, worst);
        assertThat(compared).isPositive();
        assertThat(worst).isLessThan(1e-3);
        float sum = 0;
        for (float v : valid) {
            sum += v;
        }
        assertThat(sum).as("some joints valid").isPositive().isLessThan(42);
    }
}
