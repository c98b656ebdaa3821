package org.ambidex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ambidex.ExternalProcess;
import org.ambidex.data.Bbox;
import org.ambidex.io.NdArray;
import org.ambidex.io.image.Images;
import org.ambidex.io.numpy.Npz;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.dir.DirConfig;
import org.ambidex.nets.dir.DirModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DIR end to end on a real image: the IntagHand crop about a box (OpenCV's fixed-point warp), the network, and the
 * placement in the image and camera, against PyTorch's run of the same random network on OpenCV's crop
 * (src/test/python/dir_reference.py).
 */
class DirReconstructorTest {

    private static final DirConfig TINY = new DirConfig(8, 32, 16, 8);
    private static final Path IMAGE = Path.of("src/test/resources/fixtures/nets/tiny-internet/hands.png");

    @TempDir
    Path tmp;

    @Test
    void boxCropAndPlacementReproduceTheReference() throws IOException {
        PyTorch.assumeAvailable(true);
        String error = ExternalProcess.run(List.of(PyTorch.PYTHON.toString(), "src/test/python/dir_reference.py",
            "net", tmp.toString(), "8", "32", "16", "8", "5", IMAGE.toString(), "30,20,90,60"), Map.of(), 900);
        assertThat(error).isEmpty();
        Map<String, NdArray> ref = Npz.read(tmp.resolve("outputs.npz"));
        double[] m = ref.get("crop").toDoubleArray(); // original pixels -> crop pixels, 2 x 3
        BufferedImage image = Images.read(IMAGE);
        try (DirReconstructor r = new DirReconstructor(DirModel.load(tmp.resolve("DIR.pth"), TINY), "dir:test")) {
            Reconstruction rec = r.reconstruct(image, ReconstructionRequest.wholeImage().withBox(new Bbox(30, 20, 90,
                60)));
            String[] sides = {"right", "left"};
            for (int hand = 0; hand < 2; hand++) {
                HandReconstruction h = rec.hands().get(hand);
                float[] xyz = ref.get("pd_joint_xyz_" + sides[hand] + "_2").toFloatArray();
                float[] verts = ref.get("pd_mesh_xyz_" + sides[hand] + "_2").toFloatArray();
                float[] uv = ref.get("pd_joint_uv_" + sides[hand] + "_2").toFloatArray();
                double[] cam = h.jointsCamera();
                double[] v = h.mesh().vertices();
                for (int j = 0; j < 21; j++) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(cam[3 * j + c] - cam[c]).as("%s joint %d", sides[hand], j)
                            .isCloseTo(xyz[3 * j + c], within(1e-5));
                    }
                    // the reference's crop pixels ((uv + 1) / 2 * 256) back through its own crop matrix
                    double u = (uv[2 * j] + 1) / 2 * 256;
                    double w = (uv[2 * j + 1] + 1) / 2 * 256;
                    double det = m[0] * m[4] - m[1] * m[3];
                    double x = (m[4] * (u - m[2]) - m[1] * (w - m[5])) / det;
                    double y = (m[0] * (w - m[5]) - m[3] * (u - m[2])) / det;
                    assertThat(h.joints2d()[2 * j]).isCloseTo(x, within(1e-3));
                    assertThat(h.joints2d()[2 * j + 1]).isCloseTo(y, within(1e-3));
                }
                for (int i = 0; i < verts.length; i++) {
                    assertThat(v[i] - cam[i % 3]).isCloseTo(verts[i], within(1e-5));
                }
                assertThat(h.mesh().faces()).hasSize(1538 * 3);
            }
            float[] offset = ref.get("pd_offset_2").toFloatArray();
            for (int c = 0; c < 3; c++) {
                assertThat(rec.relativeRoot().toArray()[c]).isCloseTo(-offset[c] * 0.15, within(1e-6));
            }
            assertThat(rec.relativeRootDepth()).isCloseTo(-offset[2] * 0.15, within(1e-6));
        }
    }

    @Test
    void withoutABoxTheCropIsAboutTheHandsThePhotoFinderFinds() throws IOException {
        PyTorch.assumeAvailable(true);
        String error = ExternalProcess.run(List.of(PyTorch.PYTHON.toString(), "src/test/python/dir_reference.py",
            "net", tmp.toString(), "8", "32", "16", "8", "5", IMAGE.toString(), "30,20,90,60"), Map.of(), 900);
        assertThat(error).isEmpty();
        BufferedImage photo = Images.read(PhotoReconstructorTest.IMAGE);
        double[] landmarks;
        try (HandFinderBoxes finder = new HandFinderBoxes()) {
            landmarks = finder.landmarks(photo).orElseThrow();
        }
        assertThat(landmarks).hasSize(42); // the render shows one hand
        try (Reconstructor photoPath = Reconstructor.openDefault()) {
            // the same hand the default architecture finds (its landmarks come from a refined pass: within a pixel)
            double[] found = photoPath.reconstruct(photo, ReconstructionRequest.wholeImage()).hands().get(0).joints2d();
            for (int i = 0; i < 42; i++) {
                assertThat(landmarks[i]).isCloseTo(found[i], within(1.0));
            }
        }
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int j = 0; j < 21; j++) {
            minX = Math.min(minX, landmarks[2 * j]);
            maxX = Math.max(maxX, landmarks[2 * j]);
            minY = Math.min(minY, landmarks[2 * j + 1]);
            maxY = Math.max(maxY, landmarks[2 * j + 1]);
        }
        double side = Math.max(maxX - minX, maxY - minY) / 0.8;
        try (DirReconstructor r = new DirReconstructor(DirModel.load(tmp.resolve("DIR.pth"), TINY), "dir:test")) {
            Reconstruction rec = r.reconstruct(photo, ReconstructionRequest.wholeImage());
            assertThat(rec.cropBox().width()).isCloseTo(side, within(1e-6));
            // cut_img maps the midpoint to crop pixel 128: the region's centre is half a crop pixel before it
            double halfPixel = 0.5 * side / 256;
            assertThat(rec.cropBox().x() + side / 2).isCloseTo((minX + maxX) / 2 - halfPixel, within(1e-6));
            assertThat(rec.cropBox().y() + side / 2).isCloseTo((minY + maxY) / 2 - halfPixel, within(1e-6));
            assertThat(rec.hands()).hasSize(2);
            // the reported region is the one cropped about: the extent of the landmarks, not the whole photo
            assertThat(new double[] {rec.bbox().x(), rec.bbox().y(), rec.bbox().width(), rec.bbox().height()})
                .containsExactly(minX, minY, maxX - minX, maxY - minY);
        }
    }

    @Test
    void aPhotoWithoutHandsGivesNoHandsAndANoteNotARandomCrop() throws IOException {
        PyTorch.assumeAvailable(true);
        String error = ExternalProcess.run(List.of(PyTorch.PYTHON.toString(), "src/test/python/dir_reference.py",
            "net", tmp.toString(), "8", "32", "16", "8", "5", IMAGE.toString(), "30,20,90,60"), Map.of(), 900);
        assertThat(error).isEmpty();
        BufferedImage grey = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = grey.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, 200, 150);
        g.dispose();
        Path photo = tmp.resolve("grey.png");
        javax.imageio.ImageIO.write(grey, "png", photo.toFile());
        try (DirReconstructor r = new DirReconstructor(DirModel.load(tmp.resolve("DIR.pth"), TINY), "dir:test")) {
            Reconstruction rec = r.reconstruct(photo, ReconstructionRequest.wholeImage());
            assertThat(rec.hands()).isEmpty();
            assertThat(rec.note()).contains("no hand found").contains("DIR was not run");
        }
    }
}
