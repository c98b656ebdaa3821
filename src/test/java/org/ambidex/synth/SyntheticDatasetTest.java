package org.ambidex.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ambidex.core.Progress;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoParams;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.image.Images;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetTest {

    static HandModel right;
    static HandModel left;

    static Path manoFolder() {
        try {
            return Path.of(SyntheticDatasetTest.class.getResource("/fixtures/mano-format/MANO_RIGHT.pkl").toURI())
                .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void models() {
        right = HandModelLoader.resolve(manoFolder().toString(), HandSide.RIGHT, true);
        left = HandModelLoader.resolve(manoFolder().toString(), HandSide.LEFT, true);
    }

    @Test
    void generatedSetReadsBackAndItsJointsAreTheModelsJointsReprojected(@TempDir Path out) throws Exception {
        SyntheticDataset.Summary summary = SyntheticDataset.generate(out, right, left,
            new SyntheticDataset.Options(10, 2, 11), Progress.silent());
        // 10 frames -> 1 per capture -> captures 0..9: 8 train, 1 val, 1 test; 2 cameras each
        assertThat(summary.images()).isEqualTo(Map.of("train", 16, "val", 2, "test", 2));
        assertThat(Files.readString(out.resolve("synth.json"))).contains("\"format\" : \"ambidex.synth/1\"");
        int interacting = 0;
        try (NDManager m = NDManager.newBaseManager();
             HandLayer rightLayer = new HandLayer(right, m, DataType.FLOAT64);
             HandLayer leftLayer = new HandLayer(left, m, DataType.FLOAT64)) {
            HandLayer[] layers = {rightLayer, leftLayer};
            for (String split : new String[] {"train", "val", "test"}) {
                try (InterHandDataset ds = InterHandDataset.open(out, InterHandFilter.all(split))) {
                    assertThat(ds.size()).isEqualTo(summary.images().get(split));
                    for (Sample s : ds.samples()) {
                        BufferedImage image = Images.read(s.image());
                        assertThat(image.getWidth()).isEqualTo(334);
                        assertThat(image.getHeight()).isEqualTo(512);
                        interacting += s.handType() == HandType.INTERACTING ? 1 : 0;
                        for (int hand = 0; hand < 2; hand++) {
                            ManoParams p = s.manoWorld().get(hand);
                            assertThat(p != null).isEqualTo(s.handType().has(hand));
                            if (p == null) {
                                assertThat(s.valid(21 * hand)).isFalse();
                                continue;
                            }
                            double[] world = keypoints(layers[hand], m, p);
                            for (int j = 0; j < 21; j++) {
                                int k = 21 * hand + j;
                                assertThat(s.valid(k)).isTrue();
                                double[] expected = s.camera().project(Vec3.of(world, 3 * j));
                                assertThat(Math.hypot(expected[0] - s.u(k), expected[1] - s.v(k))).isLessThan(1e-3);
                                double[] re = s.camera().intrinsics().project(s.jointCam(k));
                                assertThat(Math.hypot(re[0] - s.u(k), re[1] - s.v(k))).isLessThan(1e-3);
                            }
                        }
                    }
                }
            }
        }
        assertThat(interacting).isPositive();
    }

    /** The InterHand2.6M-order keypoints of the MANO parameters as read back, world, metres. */
    private static double[] keypoints(HandLayer layer, NDManager m, ManoParams p) {
        try (NDManager s = m.newSubManager()) {
            HandParams params = new HandParams(s.create(p.shape(), new Shape(1, 10)), s.create(p.rootPose(), new Shape(1, 3)),
                s.create(p.fingerPose(), new Shape(1, 45)), HandPoseKind.AXIS_ANGLE, s.create(p.trans(), new Shape(1, 3)),
                false);
            try (HandOutput out = layer.forward(params, FingertipSet.INTERHAND, JointOrder.INTERHAND)) {
                return out.keypoints().toType(DataType.FLOAT64, false).toDoubleArray();
            }
        }
    }

    @Test
    void sameSeedSameDataset(@TempDir Path dir) throws Exception {
        SyntheticDataset.generate(dir.resolve("a"), right, left, new SyntheticDataset.Options(2, 1, 5), Progress.silent());
        SyntheticDataset.generate(dir.resolve("b"), right, left, new SyntheticDataset.Options(2, 1, 5), Progress.silent());
        SyntheticDataset.generate(dir.resolve("c"), right, left, new SyntheticDataset.Options(2, 1, 6), Progress.silent());
        String file = "annotations/train/InterHand2.6M_train_joint_3d.json";
        assertThat(Files.readString(dir.resolve("a").resolve(file))).isEqualTo(Files.readString(dir.resolve("b").resolve(file)));
        assertThat(Files.readString(dir.resolve("a").resolve(file))).isNotEqualTo(Files.readString(dir.resolve("c").resolve(file)));
        Path image = Path.of("images/train/Capture0");
        try (var files = Files.walk(dir.resolve("a").resolve(image))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path other = dir.resolve("b").resolve(image).resolve(dir.resolve("a").resolve(image).relativize(p));
                assertThat(Files.readAllBytes(p)).isEqualTo(Files.readAllBytes(other));
            }
        }
    }

    @Test
    void threadCountDoesNotChangeOutput(@TempDir Path dir) throws Exception {
        // 12 frames of 2 cameras: two captures, and more frames in flight than threads
        SyntheticDataset.generate(dir.resolve("one"), right, left, new SyntheticDataset.Options(12, 2, 7, 1),
            Progress.silent());
        SyntheticDataset.generate(dir.resolve("three"), right, left, new SyntheticDataset.Options(12, 2, 7, 3),
            Progress.silent());
        List<Path> files;
        try (var walk = Files.walk(dir.resolve("one"))) {
            files = walk.filter(Files::isRegularFile).map(dir.resolve("one")::relativize).sorted().toList();
        }
        try (var walk = Files.walk(dir.resolve("three"))) {
            assertThat(walk.filter(Files::isRegularFile).map(dir.resolve("three")::relativize).sorted().toList())
                .isEqualTo(files);
        }
        assertThat(files.stream().filter(f -> f.toString().endsWith(".jpg"))).hasSize(24);
        for (Path f : files) {
            assertThat(Files.readAllBytes(dir.resolve("three").resolve(f))).as(f.toString())
                .isEqualTo(Files.readAllBytes(dir.resolve("one").resolve(f)));
        }
    }
}
