package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Vec3;
import org.ambidex.io.image.Images;
import org.ambidex.io.mesh.GltfValidator;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.ObjReader;
import org.ambidex.io.mesh.ObjWriter;
import org.ambidex.io.mesh.Shapes;
import org.ambidex.render.Palette;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ambidex render} and {@code ambidex pose --out x.glb}. */
class RenderCommandTest {

    @TempDir
    Path dir;

    private static String model(String file) {
        return PoseCommandTest.fixture(file).toString();
    }

    private static String folder() {
        return PoseCommandTest.fixture("MANO_RIGHT.npz").getParent().toString();
    }

    private static long pixelsUnlike(BufferedImage img, int rgb) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) != rgb ? 1 : 0;
            }
        }
        return n;
    }

    private static boolean hasColourNear(BufferedImage img, int rgb) {
        float[] target = java.awt.Color.RGBtoHSB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, null);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                float[] hsb = java.awt.Color.RGBtoHSB((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF, null);
                if (hsb[1] > 0.2 && Math.abs(hsb[0] - target[0]) < 0.03) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void rendersBothHandsFramedFromTheFrontWithSkeletons() throws IOException {
        Path right = Files.writeString(dir.resolve("r.json"), "{\"transl\": [0.1, 0, 0]}");
        Path left = Files.writeString(dir.resolve("l.json"), "{\"transl\": [-0.1, 0, 0]}");
        Path out = dir.resolve("hands.png");
        CliRun run = CliRun.of("render", "--model", folder(), "--params", right.toString(), "--left-params",
            left.toString(), "--out", out.toString(), "--size", "200", "150", "--skeleton");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("200x150, 2 meshes");
        BufferedImage img = Images.read(out);
        assertThat(img.getWidth()).isEqualTo(200);
        assertThat(img.getHeight()).isEqualTo(150);
        assertThat(pixelsUnlike(img, 0xFFFFFF)).isGreaterThan(500);
        assertThat(hasColourNear(img, Palette.RIGHT_HAND.toHex())).isTrue();
        assertThat(hasColourNear(img, Palette.LEFT_HAND.toHex())).isTrue();
    }

    @Test
    void drawsOverAPhotoThroughAnInterHandCamera() throws IOException {
        BufferedImage photo = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 160; x++) {
                photo.setRGB(x, y, 0x204060);
            }
        }
        Path photoFile = dir.resolve("photo.png");
        Images.write(photoFile, photo);
        // A box 1 m in front of a camera that is rotated 180 degrees about y and placed at z = +1000 mm
        // (camrot/campos in mm, as InterHand2.6M stores them): the box at the world origin is in view.
        Mesh box = Shapes.box("box", 0, 0, 0, 0.1, 0.1, 0.1);
        Path boxFile = dir.resolve("box.obj");
        ObjWriter.write(boxFile, box);
        Path cam = Files.writeString(dir.resolve("cam.json"), "{\"focal\": [300, 300], \"princpt\": [79.5, 59.5],"
            + " \"camrot\": [[-1, 0, 0], [0, 1, 0], [0, 0, -1]], \"campos\": [0, 0, 1000]}");
        Path out = dir.resolve("over.png");
        Path depth = dir.resolve("depth.npy");
        Path mask = dir.resolve("mask.png");
        CliRun run = CliRun.of("render", "--mesh", boxFile.toString(), "--image", photoFile.toString(), "--camera",
            cam.toString(), "--out", out.toString(), "--supersampling", "1", "--depth", depth.toString(), "--mask",
            mask.toString(), "--normal-map", dir.resolve("n.png").toString());
        assertThat(run.status()).as(run.err()).isZero();
        BufferedImage img = Images.read(out);
        assertThat(img.getWidth()).isEqualTo(160);
        // The box is 0.1 m wide at 0.95..1.05 m: about 30 pixels around the principal point.
        assertThat(img.getRGB(80, 60) & 0xFFFFFF).isNotEqualTo(0x204060);
        assertThat(img.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0x204060);
        assertThat(img.getRGB(80 + 20, 60) & 0xFFFFFF).isEqualTo(0x204060);
        assertThat(img.getRGB(80 + 12, 60) & 0xFFFFFF).isNotEqualTo(0x204060);
        // The box's front face is at z = 0.95 m; the label picture marks it 1.
        org.ambidex.io.NdArray d = org.ambidex.io.numpy.Npy.read(depth);
        assertThat(d.shape()).containsExactly(120, 160);
        assertThat(d.getDouble(60 * 160 + 80)).isCloseTo(0.95, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(d.getDouble(5 * 160 + 5)).isInfinite();
        BufferedImage labels = javax.imageio.ImageIO.read(mask.toFile());
        assertThat(labels.getRaster().getSample(80, 60, 0)).isEqualTo(1);
        assertThat(labels.getRaster().getSample(5, 5, 0)).isZero();
        assertThat(dir.resolve("n.png")).exists();

        // The same camera as R, t in metres.
        Camera ih = CameraFile.read(cam);
        Path rt = Files.writeString(dir.resolve("rt.json"), "{\"focal\": 300, \"princpt\": [79.5, 59.5],"
            + " \"R\": [-1, 0, 0, 0, 1, 0, 0, 0, -1], \"t\": [0, 0, 1]}");
        Camera metres = CameraFile.read(rt);
        Vec3 p = new Vec3(0.02, -0.03, 0.04);
        assertThat(metres.project(p)).containsExactly(ih.project(p));
    }

    @Test
    void viewSheetWithGroundTruth() throws IOException {
        Path params = Files.writeString(dir.resolve("p.json"), "[{}, {\"transl\": [0, 0.05, 0]}]");
        Path gt = dir.resolve("gt.obj");
        ObjWriter.write(gt, Shapes.icosphere("gt", 0, 0, 0, 0.02, 2));
        Path out = dir.resolve("views.png");
        CliRun run = CliRun.of("render", "--model", model("MANO_RIGHT.npz"), "--params", params.toString(),
            "--gt-mesh", gt.toString(), "--views", "--panel-size", "96", "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        BufferedImage img = Images.read(out);
        assertThat(img.getWidth()).isEqualTo(192);
        assertThat(img.getHeight()).isEqualTo(192);
        assertThat(hasColourNear(img, Palette.GROUND_TRUTH.toHex())).isTrue();
    }

    @Test
    void badInputExitsTwoWithOneLineAndWritesNothing() throws IOException {
        Path params = Files.writeString(dir.resolve("p.json"), "{}");
        Path out = dir.resolve("never.png");
        Path badCam = Files.writeString(dir.resolve("cam.json"), "{\"focal\": [300, 300]}");
        Path notRotation = Files.writeString(dir.resolve("rot.json"),
            "{\"focal\": 3, \"princpt\": [1, 1], \"R\": [1, 0, 0, 0, 2, 0, 0, 0, 1], \"t\": [0, 0, 0]}");
        Path photo = dir.resolve("p.png");
        Images.write(photo, new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));
        String m = model("MANO_RIGHT.npz");
        String[][] cases = {
            {"render", "--model", m, "--params", params.toString(), "--out", dir.resolve("x.gif").toString()},
            {"render", "--model", m, "--out", out.toString()},
            {"render", "--model", m, "--params", params.toString(), "--image", photo.toString(), "--out", out.toString()},
            {"render", "--model", m, "--params", params.toString(), "--image", photo.toString(), "--camera",
                badCam.toString(), "--out", out.toString()},
            {"render", "--model", m, "--params", params.toString(), "--image", photo.toString(), "--camera",
                notRotation.toString(), "--out", out.toString()},
            {"render", "--model", m, "--params", params.toString(), "--opacity", "2", "--out", out.toString()},
            {"render", "--model", m, "--params", params.toString(), "--supersampling", "9", "--out", out.toString()},
            {"render", "--model", m, "--mesh", dir.resolve("absent.obj").toString(), "--out", out.toString()},
            {"render", "--model", m, "--left-params", params.toString(), "--out", out.toString()},
        };
        for (String[] args : cases) {
            CliRun run = CliRun.of(args);
            assertThat(run.status()).as(String.join(" ", args) + " -> " + run.err()).isEqualTo(2);
            assertThat(run.errLines()).as(run.err()).isEqualTo(1);
            assertThat(out).doesNotExist();
        }
        assertThat(CliRun.of("render", "--model", m, "--params", params.toString(), "--image", photo.toString(),
            "--out", out.toString()).err()).contains("--image needs --camera");
        assertThat(CliRun.of("render", "--model", m, "--params", params.toString(), "--image", photo.toString(),
            "--camera", badCam.toString(), "--out", out.toString()).err()).contains("missing 'princpt'");
    }

    @Test
    void poseWritesAllResultsAsOneGlb() throws IOException {
        Path params = Files.writeString(dir.resolve("p.json"), "[{}, {\"transl\": [0, 0, 0.1]}]");
        Path out = dir.resolve("hands.glb");
        CliRun run = CliRun.of("pose", "--model", model("MANO_LEFT.npz"), "--params", params.toString(), "--out",
            out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(0x46546C67);
        int jsonLength = b.getInt(12);
        JsonNode gltf = new ObjectMapper().readTree(new String(b.array(), 20, jsonLength, StandardCharsets.UTF_8));
        assertThat(gltf.get("nodes")).hasSize(2);
        assertThat(gltf.at("/nodes/0/name").asText()).endsWith("left-0");
        assertThat(gltf.at("/nodes/1/name").asText()).endsWith("left-1");
        assertThat(gltf.at("/accessors/0/count").asInt()).isEqualTo(778);
        // The same meshes as the OBJ output.
        Path obj = dir.resolve("one.obj");
        Path first = Files.writeString(dir.resolve("first.json"), "{}");
        assertThat(CliRun.of("pose", "--model", model("MANO_LEFT.npz"), "--params", first.toString(), "--out",
            obj.toString()).status()).isZero();
        Mesh reference = ObjReader.read(obj);
        int offset = 28 + jsonLength + gltf.at("/bufferViews/0/byteOffset").asInt();
        for (int i = 0; i < 3 * 778; i++) {
            assertThat(b.getFloat(offset + 4 * i)).isEqualTo((float) reference.position(i / 3, i % 3));
        }
        // Last, as it skips the rest when the validator is not installed outside CI.
        try {
            GltfValidator.assertValid(out);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
