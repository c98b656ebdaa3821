package org.ambidex.data.interhand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.ambidex.core.BadInputException;
import org.ambidex.data.HandType;
import org.ambidex.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterHandDatasetTest {

    private static final double EPS = 1e-9;

    @Test
    void singleHandsComeFirstThenInteracting() {
        try (InterHandDataset ds = InterHandDataset.open(TinyInterHand.root(), InterHandFilter.all("test"))) {
            assertThat(ds.size()).isEqualTo(4);
            assertThat(ds.samples()).extracting(Sample::annotationId).containsExactly(3L, 4L, 5L, 7L);
            assertThat(ds.counts()).containsEntry(HandType.RIGHT, 2).containsEntry(HandType.LEFT, 1)
                .containsEntry(HandType.INTERACTING, 1);
        }
    }

    @Test
    void worldToCameraToPixelByHand() {
        try (InterHandDataset ds = InterHandDataset.open(TinyInterHand.root(), InterHandFilter.all("test"))) {
            Sample s = ds.get(0);
            assertThat(s.capture()).isZero();
            assertThat(s.frame()).isEqualTo(5);
            assertThat(s.cameraId()).isEqualTo("400262");
            assertThat(s.sequence()).isEqualTo("0007_thumbup");
            assertThat(s.image()).isEqualTo(TinyInterHand.root().resolve("images/test/Capture0/0007_thumbup/cam400262/image5.jpg"));
            for (int j = 0; j < 42; j++) {
                // world (150 + j, 220, 1300) mm, campos (100, 200, 300), R = Rz(90): camera (-20, 50 + j, 1000) mm
                assertThat(s.jointCam(j).x()).isCloseTo(-0.020, within(EPS));
                assertThat(s.jointCam(j).y()).isCloseTo(0.050 + 0.001 * j, within(EPS));
                assertThat(s.jointCam(j).z()).isCloseTo(1.0, within(EPS));
                assertThat(s.u(j)).isCloseTo(140.0, within(1e-6));
                assertThat(s.v(j)).isCloseTo(305.0 + 1.1 * j, within(1e-6));
            }
            assertThat(s.camera().intrinsics().fx()).isEqualTo(1000);
            assertThat(s.camera().extrinsics().translation().x()).isCloseTo(0.2, within(EPS));
            assertThat(s.bbox().toArray()).containsExactly(30, 40, 60, 80);
            assertThat(s.handType()).isEqualTo(HandType.RIGHT);
            assertThat(s.handTypeValid()).isTrue();
            assertThat(s.width()).isEqualTo(334);
            assertThat(s.rootDepth(0)).isCloseTo(1.0, within(EPS));
        }
    }

    @Test
    void validityIsMaskedByEachHandsWrist() {
        try (InterHandDataset ds = InterHandDataset.open(TinyInterHand.root(), InterHandFilter.all("test"))) {
            Sample right = ds.get(0);
            for (int j = 0; j < 42; j++) {
                assertThat(right.valid(j)).as("joint %d", j).isEqualTo(j != 5);
            }
            Sample inter = ds.get(3);
            assertThat(inter.handType()).isEqualTo(HandType.INTERACTING);
            for (int j = 0; j < 42; j++) {
                // the right wrist (20) is invalid in the file, so the whole right hand is
                assertThat(inter.valid(j)).as("joint %d", j).isEqualTo(j >= 21);
            }
            assertThat(inter.u(30)).isCloseTo(160, within(1e-6));
            assertThat(inter.jointCam(30).z()).isCloseTo(1.030, within(EPS));
        }
    }

    @Test
    void filtersByHandTypeCaptureAndCamera() {
        Path root = TinyInterHand.root();
        try (InterHandDataset ds = InterHandDataset.open(root, InterHandFilter.all("test")
            .withHandTypes(HandTypeSelection.INTERACTING))) {
            assertThat(ds.samples()).extracting(Sample::annotationId).containsExactly(7L);
        }
        try (InterHandDataset ds = InterHandDataset.open(root, InterHandFilter.all("test")
            .withHandTypes(HandTypeSelection.SINGLE).withCaptures(Set.of(1)))) {
            assertThat(ds.samples()).extracting(Sample::annotationId).containsExactly(5L);
            Sample left = ds.get(0);
            assertThat(left.u(7)).isCloseTo(7.0, within(1e-6));
            assertThat(left.v(7)).isCloseTo(0.0, within(1e-6));
        }
        try (InterHandDataset ds = InterHandDataset.open(root, InterHandFilter.all("test").withCameras(Set.of("400263")))) {
            assertThat(ds.samples()).extracting(Sample::annotationId).containsExactly(4L);
            assertThat(ds.get(0).u(0)).isCloseTo(500 * 150 / 1300.0 + 100, within(1e-6));
        }
        try (InterHandDataset ds = InterHandDataset.open(root, InterHandFilter.all("test").withValidHandTypeOnly(true))) {
            assertThat(ds.samples()).extracting(Sample::annotationId).containsExactly(3L, 5L, 7L);
        }
    }

    @Test
    void readsWorldManoParametersPerHand() {
        try (InterHandDataset ds = InterHandDataset.open(TinyInterHand.root(), InterHandFilter.all("test"))) {
            Sample right = ds.get(0);
            assertThat(right.manoWorld().left()).isNull();
            assertThat(right.manoWorld().right().pose()[47]).isCloseTo(0.48, within(EPS));
            assertThat(right.manoWorld().right().trans()).containsExactly(0.01, 0.02, 0.03);
            assertThat(right.manoCamera()).isNull();
            Sample inter = ds.get(3);
            assertThat(inter.manoWorld().left().shape()[9]).isCloseTo(0.3, within(EPS));
            assertThat(ds.get(2).manoWorld().right()).isNull();
        }
    }

    @Test
    void attachesRootNetEstimatesInMetres() {
        Path root = TinyInterHand.root();
        InterHandDataset.Options options = new InterHandDataset.Options(null,
            new InterHandLayout(root).rootNetOutput("test"));
        try (InterHandDataset ds = InterHandDataset.open(root, InterHandFilter.all("test"), options)) {
            assertThat(ds.get(3).rootNet().bbox().x()).isEqualTo(1.5);
            assertThat(ds.get(3).rootNet().leftRootDepth()).isCloseTo(1.020, within(EPS));
            assertThat(ds.get(0).rootNet().rightRootDepth()).isCloseTo(0.9, within(EPS));
            assertThat(ds.get(1).rootNet()).isNull();
        }
    }

    @Test
    void skeletonFileIsTheStandardOne() {
        Skeleton s = Skeleton.read(new InterHandLayout(TinyInterHand.root()).skeleton());
        assertThat(s.names().get(0)).isEqualTo("r_thumb4");
        assertThat(s.names().get(41)).isEqualTo("l_wrist");
        assertThat(s.parents()[3]).isEqualTo(20);
        assertThat(s.parents()[24]).isEqualTo(41);
        assertThat(s.parents()[0]).isEqualTo(1);
        assertThat(s.parents()[20]).isEqualTo(-1);
    }

    @Test
    void badFilesGetOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        Path ann = dir.resolve("annotations/test");
        Files.createDirectories(ann);
        Files.writeString(ann.resolve("InterHand2.6M_test_camera.json"), "{}");
        Files.writeString(ann.resolve("InterHand2.6M_test_data.json"),
            "{\"images\": [{\"id\": 1}], \"annotations\": []}");
        assertThatThrownBy(() -> InterHandDataset.open(dir, InterHandFilter.all("test")))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("InterHand2.6M_test_data.json")
            .hasMessageContaining("lacks id, file_name");
        assertThatThrownBy(() -> InterHandDataset.open(dir, InterHandFilter.all("val")))
            .isInstanceOf(BadInputException.class).hasMessageContaining("no annotations folder for split \"val\"");
        Files.writeString(ann.resolve("InterHand2.6M_test_data.json"), "{\"images\": [{\"id\": 1, \"file_name\": \"a\","
            + "\"capture\": 0, \"camera\": \"1\", \"frame_idx\": 2}], \"annotations\": [{\"id\": 1, \"image_id\": 1, "
            + "\"bbox\": [0,0,1,1], \"joint_valid\": [1], \"hand_type\": \"both\"}]}");
        assertThatThrownBy(() -> InterHandDataset.open(dir, InterHandFilter.all("test")))
            .isInstanceOf(BadInputException.class).hasMessageContaining("joint_valid (42)");
    }

    @Test
    void missingJointsForAnAnnotatedFrameIsBadInput(@TempDir Path dir) throws IOException {
        Path src = TinyInterHand.root().resolve("annotations");
        Path ann = dir.resolve("annotations/test");
        Files.createDirectories(ann);
        for (String kind : new String[] {"camera", "data"}) {
            Files.copy(src.resolve("test/InterHand2.6M_test_" + kind + ".json"), ann.resolve("InterHand2.6M_test_" + kind + ".json"));
        }
        Files.writeString(ann.resolve("InterHand2.6M_test_joint_3d.json"), "{\"0\": {\"5\": null}}");
        assertThatThrownBy(() -> InterHandDataset.open(dir, InterHandFilter.all("test")))
            .isInstanceOf(BadInputException.class).hasMessageContaining("no joints for capture");
    }
}
