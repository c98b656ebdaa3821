package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.ambidex.data.Bbox;
import org.ambidex.data.ho3d.Ho3dCamera;
import org.ambidex.data.ho3d.Ho3dCrop;
import org.ambidex.data.ho3d.Ho3dDataset;
import org.ambidex.data.ho3d.Ho3dFixture;
import org.ambidex.data.ho3d.Ho3dSample;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.image.Images;
import org.ambidex.pipeline.HandReconstruction;
import org.ambidex.pipeline.ModelSpec;
import org.ambidex.pipeline.Reconstructor;
import org.ambidex.pipeline.ReconstructorOptions;
import org.ambidex.pipeline.ReconstructionRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * S2HAND on a tiny HO-3D folder ({@link Ho3dFixture}), end to end: {@code keypoints} finds the hands in the whole
 * frames, {@code train --arch s2hand} learns from that file on the frames cut as the reference cuts them (two
 * epochs of one step of two frames, one frame held out), and {@code predict --split evaluation} writes HO-3D's submission (HO-3D joint order, OpenGL axes) with the
 * numbers {@code reconstruct}'s path gives on each crop; bad input is refused in one line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ho3dCommandsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Ho3dFixture fixture;
    static Path keypoints;
    static Path run;

    @BeforeAll
    static void writeFolder() throws IOException {
        fixture = Ho3dFixture.write(dir.resolve("ho3d"));
        keypoints = dir.resolve("detect_ho3d.json");
        run = dir.resolve("run");
    }

    @Test
    @Order(1)
    void keypointsFindTheHandsInTheWholeFrames() throws IOException {
        CliRun r = CliRun.of("--quiet", "keypoints", "--data", fixture.base().toString(), "--out", keypoints.toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode file = JSON.readTree(keypoints.toFile());
        assertThat(file.get(0)).hasSize(Ho3dFixture.TRAIN);
        int found = 0;
        for (int i = 0; i < Ho3dFixture.TRAIN; i++) {
            double c = file.get(1).get(i).get(0).get(0).asDouble();
            found += c > 0 ? 1 : 0;
            for (int j = 0; j < 21; j++) {
                assertThat(file.get(1).get(i).get(j).get(0).asDouble()).isEqualTo(c);
            }
        }
        // Frames 1 and 4 are the renders of a right hand alone (the others hold two hands, where the finder's
        // most present right hand may be the other one): each keypoint within a fifth of the hand's size of its
        // annotated joint, in pixels of the whole frame.
        int alone = 0;
        for (int i : new int[] {1, 4}) {
            if (file.get(1).get(i).get(0).get(0).asDouble() == 0) {
                continue;
            }
            alone++;
            double[] uv = fixture.train().get(i).projected();
            double minX = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double worst = 0;
            for (int j = 0; j < 21; j++) {
                minX = Math.min(minX, uv[2 * j]);
                maxX = Math.max(maxX, uv[2 * j]);
                JsonNode p = file.get(0).get(i).get(j);
                worst = Math.max(worst, Math.hypot(p.get(0).asDouble() - uv[2 * j], p.get(1).asDouble() - uv[2 * j + 1]));
            }
            assertThat(worst).as("frame %d", i).isLessThan((maxX - minX) / 5 + 5);
        }
        System.out.println("HO-3D keypoints: a right hand found in " + found + " of " + Ho3dFixture.TRAIN + " frames");
        assertThat(alone).isPositive();
        assertThat(found).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(2)
    void trainLearnsFromThatFileOnTheReferencesCrops() {
        CliRun r = CliRun.of("--quiet", "train", "--arch", "s2hand", "--data", fixture.base().toString(), "--keypoints",
            keypoints.toString(), "--out", run.toString(), "--hand-model", "open", "--epochs", "2", "--batch-size", "2",
            "--max-val-samples", "1", "--max-train-samples", "2", "--seed", "3", "--threads", "2");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("finished: 2 steps");
        assertThat(r.err()).contains("on 2 images (training)", "not turned", "keypoints_px");
        System.out.println("s2hand on HO-3D: " + r.err().lines().filter(l -> l.startsWith("epoch")).toList());
        assertThat(run.resolve("texturehand.t7")).exists();
    }

    @Test
    @Order(3)
    void predictWritesHo3dsSubmission() throws IOException {
        Path pred = dir.resolve("pred.json");
        String model = "s2hand:" + run.resolve("texturehand.t7");
        CliRun r = CliRun.of("--quiet", "predict", "--data", fixture.base().toString(), "--split", "evaluation",
            "--model", model, "--hand-model", PredictFreiHandS2HandTest.MANO_DIR.toString(), "--out", pred.toString(),
            "--batch-size", "2");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode submission = JSON.readTree(pred.toFile());
        assertThat(submission).hasSize(2);
        assertThat(submission.get(0)).hasSize(Ho3dFixture.EVALUATION);
        assertThat(submission.get(1)).hasSize(Ho3dFixture.EVALUATION);
        Ho3dDataset set = Ho3dDataset.open(fixture.base(), "evaluation");
        try (Reconstructor rec = Reconstructor.open(ModelSpec.parse(model),
            ReconstructorOptions.DEFAULT.withHandModel(PredictFreiHandS2HandTest.MANO_DIR.toString()))) {
            for (int s = 0; s < set.size(); s++) {
                Ho3dSample sample = set.sample(s);
                Ho3dCrop crop = Ho3dCrop.centred(Ho3dCrop.referencePoints(sample));
                HandReconstruction hand = rec.reconstruct(crop.image(Images.read(sample.image())),
                    new ReconstructionRequest(new Bbox(0, 0, 224, 224), crop.intrinsics(sample.intrinsics()), null))
                    .right();
                double[] joints = Ho3dCamera.toOpenGl(JointOrder.HO3D.convert(hand.jointsCamera(),
                    JointOrder.OPENPOSE, 3));
                double[] verts = Ho3dCamera.toOpenGl(hand.mesh().vertices());
                JsonNode xyz = submission.get(0).get(s);
                JsonNode v = submission.get(1).get(s);
                assertThat(xyz).hasSize(21);
                assertThat(v).hasSize(778);
                for (int j = 0; j < 21; j++) {
                    for (int c = 0; c < 3; c++) {
                        // Batching two frames changes PyTorch's float arithmetic a little.
                        assertThat(xyz.get(j).get(c).asDouble()).isCloseTo(joints[3 * j + c], within(1e-5));
                    }
                }
                for (int i = 0; i < 778; i++) {
                    assertThat(v.get(i).get(2).asDouble()).isCloseTo(verts[3 * i + 2], within(1e-5));
                    // HO-3D's pred.py refuses hands in front of the camera's +z: OpenGL puts them at negative z.
                    assertThat(v.get(i).get(2).asDouble()).isNegative();
                }
                // The wrist is HO-3D's joint 0, and the thumb tip its joint 16 (OpenPose's 4).
                assertThat(xyz.get(16).get(0).asDouble()).isCloseTo(hand.jointsCamera()[12], within(1e-5));
            }
        }
    }

    @Test
    @Order(4)
    void badFramesAreRefusedInOneLine() throws IOException {
        Path bad = dir.resolve("bad");
        copy(fixture.base(), bad);
        Path out = dir.resolve("bad-pred.json");
        String model = "s2hand:" + run.resolve("texturehand.t7");
        Ho3dFixture.Frame f = fixture.evaluation().get(1);
        Path meta = bad.resolve("evaluation").resolve(f.sequence()).resolve("meta").resolve(f.frame() + ".pkl");
        Files.delete(meta);
        CliRun missing = CliRun.of("--quiet", "predict", "--data", bad.toString(), "--split", "evaluation", "--model",
            model, "--hand-model", PredictFreiHandS2HandTest.MANO_DIR.toString(), "--out", out.toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.errLines()).as(missing.err()).isEqualTo(1);
        assertThat(missing.err()).contains(meta.toString(), "no such file", "HO-3D annotation");
        assertThat(out).doesNotExist();

        Path frame = null;
        for (Ho3dFixture.Frame t : fixture.train()) {
            frame = bad.resolve("train").resolve(t.sequence()).resolve("rgb").resolve(t.frame() + ".png");
            ImageIO.write(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "png", frame.toFile());
        }
        CliRun small = CliRun.of("--quiet", "train", "--arch", "s2hand", "--data", bad.toString(), "--keypoints",
            keypoints.toString(), "--out", dir.resolve("bad-run").toString(), "--hand-model", "open", "--epochs", "1",
            "--batch-size", "2", "--val-split", "none", "--threads", "2");
        // Found when the first batch is read, after the run's log lines: one error line, and no weights.
        assertThat(small.status()).isEqualTo(2);
        assertThat(small.err().lines().filter(l -> l.startsWith("ambidex:")).toList()).as(small.err()).singleElement()
            .asString().contains("/rgb/", "320 x 240", "640 x 480");
        assertThat(dir.resolve("bad-run").resolve("texturehand.t7")).doesNotExist();

        CliRun split = CliRun.of("--quiet", "keypoints", "--data", bad.toString(), "--split", "val", "--out",
            dir.resolve("kp-val.json").toString());
        assertThat(split.status()).isEqualTo(2);
        assertThat(split.errLines()).as(split.err()).isEqualTo(1);
        assertThat(split.err()).contains("unknown HO-3D split 'val'");
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var walk = Files.walk(from)) {
            walk.forEach(all::add);
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target);
            }
        }
    }
}
