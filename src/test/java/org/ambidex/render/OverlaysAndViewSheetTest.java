package org.ambidex.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.List;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Vec3;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.Rgb;
import org.ambidex.io.mesh.Shapes;
import org.junit.jupiter.api.Test;

class OverlaysAndViewSheetTest {

    private static int hueOf(int rgb) {
        float[] hsb = java.awt.Color.RGBtoHSB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, null);
        return Math.round(hsb[0] * 360);
    }

    @Test
    void skeletonBonesTakeTheirFingerColoursAndMissingJointsAreSkipped() {
        BufferedImage img = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        double[][] joints = new double[21][];
        joints[0] = new double[] {100, 190};
        for (int f = 0; f < 5; f++) {
            for (int k = 0; k < 4; k++) {
                // Finger f fans out upward from the wrist, 35 px per bone, joints spread apart horizontally.
                joints[1 + 4 * f + k] = new double[] {20 + 40 * f, 150 - 35 * k};
            }
        }
        joints[12] = new double[] {Double.NaN, Double.NaN}; // middle fingertip unknown
        Overlays.drawSkeleton(img, joints, 0);
        int[] expectedHue = {0, 49, 135, 215, 300};
        for (int f = 0; f < 5; f++) {
            // Middle of the finger's second bone (between its joints 1 and 2).
            int x = 20 + 40 * f;
            int y = (int) Math.round(150 - 35 * 1.5);
            int rgb = img.getRGB(x, y);
            assertThat(hueOf(rgb)).as("finger %d", f).isCloseTo(expectedHue[f], within(12));
        }
        // The middle finger's last bone (joint 11 -> 12) is not drawn.
        assertThat(img.getRGB(100, (int) (150 - 35 * 2.5)) & 0xFFFFFF).isZero();
        // The wrist dot is the right hand's colour.
        assertThat(img.getRGB(100, 190) & 0xFFFFFF).isEqualTo(Palette.RIGHT_HAND.toHex());
        assertThat(Overlays.BONES.length).isEqualTo(20);
        assertThat(Overlays.BONES[4]).containsExactly(0, 5);
        assertThat(Overlays.BONES[19]).containsExactly(19, 20);
    }

    @Test
    void boxesAndLabelsDrawWhereTheyAreTold() {
        BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        Overlays.drawBox(img, 10, 10, 60, 40, Rgb.ofHex(0x00FF00));
        assertThat(img.getRGB(35, 10) & 0xFF00).isNotZero();
        assertThat(img.getRGB(35, 25) & 0xFFFFFF).isZero();
        Overlays.drawLabel(img, "right", 5, 60, Rgb.ofHex(0xFFFFFF));
        long lit = 0;
        for (int y = 60; y < 80; y++) {
            for (int x = 5; x < 60; x++) {
                lit += (img.getRGB(x, y) & 0xFF) > 128 ? 1 : 0;
            }
        }
        assertThat(lit).isGreaterThan(10);
    }

    @Test
    void meshOverlayLeavesThePhotoAloneOutsideTheMesh() {
        BufferedImage photo = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        photo.setRGB(2, 2, 0x123456);
        Mesh sphere = Shapes.icosphere("s", 0, 0, 1, 0.1, 2);
        Camera cam = Camera.atOrigin(new Intrinsics(100, 100, 31.5, 23.5));
        BufferedImage out = Overlays.meshOverlay(photo, cam, List.of(new SceneMesh(sphere, Palette.RIGHT_HAND)), 0.7);
        assertThat(out).isNotSameAs(photo);
        assertThat(out.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0x123456);
        assertThat(out.getRGB(31, 23) & 0xFFFFFF).isNotZero();
        assertThat(photo.getRGB(31, 23) & 0xFFFFFF).isZero();
    }

    @Test
    void lookRotationIsAProperRotation() {
        Mat3 r = ViewSheet.lookRotation(new Vec3(0.3, -0.5, 0.8), new Vec3(0, 1, 0));
        assertThat(r.determinant()).isCloseTo(1, within(1e-12));
        assertThat(r.times(r.transpose()).maxAbsDifference(Mat3.IDENTITY)).isLessThan(1e-12);
        assertThat(r.row(2).dot(new Vec3(0.3, -0.5, 0.8).normalized())).isCloseTo(1, within(1e-12));
    }

    /** Mean position of pixels whose colour is near {@code color} within one panel. */
    private static double[] centroid(BufferedImage sheet, int px, int py, int pw, int ph, Rgb color) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        float[] target = java.awt.Color.RGBtoHSB((color.toHex() >> 16) & 0xFF, (color.toHex() >> 8) & 0xFF,
            color.toHex() & 0xFF, null);
        for (int y = py; y < py + ph; y++) {
            for (int x = px; x < px + pw; x++) {
                int rgb = sheet.getRGB(x, y);
                float[] hsb = java.awt.Color.RGBtoHSB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, null);
                if (hsb[1] > 0.25 && Math.abs(hsb[0] - target[0]) < 0.04) {
                    sx += x - px;
                    sy += y - py;
                    n++;
                }
            }
        }
        return n == 0 ? null : new double[] {sx / n, sy / n, n};
    }

    @Test
    void orbitViewsSeeDepthFromTheSideAndFromAbove() {
        // Two spheres on the optical axis: the right-hand colour one nearer (z = 0.8), the left-hand colour
        // one farther (z = 1.2) and lower... no: the same height, so only depth separates them.
        Mesh near = Shapes.icosphere("near", 0, 0, 0.8, 0.06, 2);
        Mesh far = Shapes.icosphere("far", 0.15, 0, 1.2, 0.06, 2);
        Scene scene = Scene.of(Camera.atOrigin(new Intrinsics(200, 200, 79.5, 59.5)), 160, 120)
            .withMesh(near, Palette.RIGHT_HAND).withMesh(far, Palette.LEFT_HAND);
        Mesh truth = Shapes.icosphere("truth", 0, -0.2, 1.0, 0.04, 1);
        BufferedImage sheet = ViewSheet.render(scene, List.of(truth), 160);
        int pw = 160;
        int ph = 120;
        assertThat(sheet.getWidth()).isEqualTo(2 * pw);
        assertThat(sheet.getHeight()).isEqualTo(2 * ph);
        // Side view (top right panel): image right = away from the camera, so the near sphere is left.
        double[] sideNear = centroid(sheet, pw, 0, pw, ph, Palette.RIGHT_HAND);
        double[] sideFar = centroid(sheet, pw, 0, pw, ph, Palette.LEFT_HAND);
        assertThat(sideNear[0]).isLessThan(sideFar[0] - 20);
        // Top view (bottom left): image down = toward the camera, so the near sphere is lower.
        double[] topNear = centroid(sheet, 0, ph, pw, ph, Palette.RIGHT_HAND);
        double[] topFar = centroid(sheet, 0, ph, pw, ph, Palette.LEFT_HAND);
        assertThat(topNear[1]).isGreaterThan(topFar[1] + 20);
        // ... and the far sphere, to the camera's right, is to the right from above as well.
        assertThat(topFar[0]).isGreaterThan(topNear[0]);
        // The ground truth is drawn in every panel.
        for (int i = 0; i < 4; i++) {
            assertThat(centroid(sheet, (i % 2) * pw, (i / 2) * ph, pw, ph, Palette.GROUND_TRUTH))
                .as(ViewSheet.PANELS.get(i)).isNotNull();
        }
    }
}
