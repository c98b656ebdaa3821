package org.ambidex.data.interhand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ambidex.data.Bbox;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoPair;
import org.ambidex.data.ManoParams;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.InterNetCrop;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterHandWriterTest {

    /** A camera at {@code centre} looking at the origin, y axis roughly down. */
    static Camera lookingAtOrigin(Vec3 centre, double focal) {
        Vec3 z = centre.times(-1).normalized();
        Vec3 x = new Vec3(0, -1, 0).cross(z).normalized();
        Vec3 y = z.cross(x);
        return new Camera(new Intrinsics(focal, focal * 1.01, 167, 256),
            Extrinsics.fromRotationAndCentre(Mat3.ofRows(x, y, z), centre));
    }

    @Test
    void writtenSetReadsBackWithPixelsMatchingReprojection(@TempDir Path root) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        int frames = 6;
        Camera[] cams = new Camera[3];
        double[][] world = new double[frames][];
        ManoParams[] right = new ManoParams[frames];
        try (InterHandWriter w = InterHandWriter.create(root, "val")) {
            for (int c = 0; c < cams.length; c++) {
                double a = 2 * Math.PI * c / cams.length;
                cams[c] = lookingAtOrigin(new Vec3(0.6 * Math.cos(a), 0.1, 0.6 * Math.sin(a)), 900 + 50 * c);
                w.addCamera(3, "41000" + c, cams[c]);
            }
            for (int f = 0; f < frames; f++) {
                world[f] = new double[126];
                for (int i = 0; i < 126; i++) {
                    world[f][i] = random.nextDouble(-0.12, 0.12);
                }
                double[] pose = new double[48];
                for (int i = 0; i < 48; i++) {
                    pose[i] = random.nextDouble(-0.5, 0.5);
                }
                double[] shape = new double[10];
                shape[0] = random.nextDouble(-2, 2);
                right[f] = new ManoParams(pose, shape, new double[] {0.01 * f, 0.02, -0.03});
                HandType type = f % 3 == 0 ? HandType.RIGHT : HandType.INTERACTING;
                boolean[] valid = new boolean[42];
                for (int j = 0; j < 42; j++) {
                    valid[j] = type.has(j / 21);
                }
                w.addFrame(3, 10 * f, new InterHandWriter.Frame(world[f], valid, type,
                    new ManoPair(right[f], type.has(1) ? right[f] : null)));
                for (int c = 0; c < cams.length; c++) {
                    double[] uv = new double[84];
                    for (int j = 0; j < 42; j++) {
                        double[] p = cams[c].project(Vec3.of(world[f], 3 * j));
                        uv[2 * j] = p[0];
                        uv[2 * j + 1] = p[1];
                    }
                    Bbox box = InterNetCrop.jointBbox(uv, valid);
                    Path image = w.addImage(3, "synth_" + type.label(), "41000" + c, 10 * f, 334, 512, box, valid, type,
                        true);
                    assertThat(image.toString()).endsWith("images/val/Capture3/synth_" + type.label() + "/cam41000" + c
                        + "/image" + (10 * f) + ".jpg");
                }
            }
        }
        assertThat(Files.list(root.resolve("annotations/val")).map(p -> p.getFileName().toString()).sorted())
            .containsExactly("InterHand2.6M_val_MANO_NeuralAnnot.json", "InterHand2.6M_val_camera.json",
                "InterHand2.6M_val_data.json", "InterHand2.6M_val_joint_3d.json");
        Skeleton.read(root.resolve("annotations/skeleton.txt"));

        try (InterHandDataset ds = InterHandDataset.open(root, InterHandFilter.all("val"))) {
            assertThat(ds.size()).isEqualTo(frames * cams.length);
            double worst = 0;
            for (Sample s : ds.samples()) {
                int f = s.frame() / 10;
                Camera cam = cams[s.cameraId().charAt(5) - '0'];
                for (int j = 0; j < 42; j++) {
                    Vec3 expectedCam = cam.extrinsics().toCamera(Vec3.of(world[f], 3 * j));
                    assertThat(s.jointCam(j).distance(expectedCam)).isLessThan(1e-9);
                    double[] px = cam.project(Vec3.of(world[f], 3 * j));
                    worst = Math.max(worst, Math.hypot(px[0] - s.u(j), px[1] - s.v(j)));
                    // and the reader's pixels are the re-projection of its own camera joints
                    double[] re = s.camera().intrinsics().project(s.jointCam(j));
                    assertThat(Math.hypot(re[0] - s.u(j), re[1] - s.v(j))).isLessThan(1e-3);
                }
                assertThat(s.manoWorld().right()).isEqualTo(right[f]);
                assertThat(s.manoWorld().left() == null).isEqualTo(s.handType() == HandType.RIGHT);
                assertThat(s.camera().intrinsics().fx()).isEqualTo(cam.intrinsics().fx());
            }
            assertThat(worst).isLessThan(1e-3);
            assertThat(ds.counts()).containsEntry(HandType.RIGHT, 2 * cams.length)
                .containsEntry(HandType.INTERACTING, 4 * cams.length);
        }
        assertThat(Files.list(root.resolve("annotations/val")).filter(p -> p.getFileName().toString().startsWith(".")))
            .isEmpty();
    }

    @Test
    void abortPublishesNothing(@TempDir Path root) throws Exception {
        InterHandWriter w = InterHandWriter.create(root, "train");
        w.addFrame(0, 1, new InterHandWriter.Frame(new double[126], new boolean[42], HandType.RIGHT, ManoPair.NONE));
        w.abort();
        w.close(); // after abort, close publishes nothing either
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
        try (var left = Files.list(root.resolve("annotations/train"))) {
            assertThat(left.toList()).isEmpty(); // the spool folder is gone too
        }
    }

    @Test
    void framesMustBeGroupedByCapture(@TempDir Path root) {
        InterHandWriter.Frame frame = new InterHandWriter.Frame(new double[126], new boolean[42], HandType.RIGHT,
            ManoPair.NONE);
        try (InterHandWriter w = InterHandWriter.create(root, "train")) {
            w.addFrame(0, 1, frame);
            w.addFrame(1, 1, frame);
            assertThatThrownBy(() -> w.addFrame(0, 2, frame)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> w.addFrame(1, 1, frame)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> w.addImage(5, "s", "1", 1, 10, 10, new Bbox(0, 0, 1, 1), new boolean[42],
                HandType.RIGHT, true)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void jointBboxIsTheValidPointsBoxEnlarged() {
        Bbox b = InterNetCrop.jointBbox(new double[] {10, 20, 30, 60, 1000, 1000}, new boolean[] {true, true, false});
        // centre (20, 40), size 20 x 40 -> 24 x 48
        assertThat(b.toArray()).containsExactly(new double[] {8, 16, 24, 48}, within(1e-12));
        assertThat(InterNetCrop.jointBbox(new double[] {1, 2}, new boolean[] {false})).isNull();
    }
}
