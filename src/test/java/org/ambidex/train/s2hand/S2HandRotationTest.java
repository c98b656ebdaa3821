package org.ambidex.train.s2hand;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.geom.Intrinsics;
import org.ambidex.io.image.Images;
import org.ambidex.nets.PyTorch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S2HAND's FreiHAND rotation augmentation against {@code s2hand_rotation_reference.py} (NumPy and Pillow, as the
 * reference computes it), and its invariants.
 */
class S2HandRotationTest {

    private static final Intrinsics CAMERA = new Intrinsics(480, 480, 112, 112);
    private static final double[] ANGLES = {0.3, -1.2345, 2.9, -3.1, 1.5707963, -0.05, 0.7853981633974483};

    @TempDir
    Path tmp;

    @Test
    void equalsPillowAndNumPyOnARealImage() throws IOException {
        PyTorch.assumeImports("numpy", "PIL");
        BufferedImage photo = crop224(Images.read(Path.of(
            "examples/images/train/Capture2/synth_single/cam410000/image5.jpg")));
        Path png = tmp.resolve("in.png");
        ImageIO.write(photo, "png", png.toFile());
        double[] keypoints = keypoints();
        List<String> lines = new ArrayList<>();
        for (int j = 0; j < 21; j++) {
            lines.add(String.format(Locale.ROOT, "%.6f %.6f", keypoints[2 * j], keypoints[2 * j + 1]));
        }
        Files.write(tmp.resolve("keypoints.txt"), lines);
        List<String> args = new ArrayList<>(List.of(png.toString(), tmp.toString()));
        for (double a : ANGLES) {
            args.add(Double.toString(a));
        }
        PyTorch.scriptAt(Path.of("src/test/python/s2hand_rotation_reference.py"), args.toArray(String[]::new));
        S2HandExample example = new S2HandExample(FloatImage.ofRgb(Images.read(png)).toChwDividedBy(255), CAMERA,
            keypoints, confidences());
        for (int i = 0; i < ANGLES.length; i++) {
            S2HandExample turned = S2HandRotation.turned(example, ANGLES[i]);
            float[] expected = FloatImage.ofRgb(Images.read(tmp.resolve("turned_" + i + ".png"))).toChwDividedBy(255);
            // The resampling is Pillow's to the bit when it is given NumPy's inverse matrix ...
            float[] inverse = new float[6];
            List<String> inv = Files.readAllLines(tmp.resolve("turned_" + i + ".inv"));
            for (int k = 0; k < 6; k++) {
                inverse[k] = (float) Double.parseDouble(inv.get(k).trim());
            }
            assertThat(S2HandRotation.resampled(example.chw(), inverse)).as("image turned by %s through NumPy's"
                + " inverse", ANGLES[i]).containsExactly(expected);
            // ... and ambidex's own float32 inverse differs from LAPACK's (OpenBLAS here) in the last bits only,
            // which moves the nearest pixel of a few pixel centres that lie on a boundary
            float[] own = S2HandRotation.inverse(S2HandRotation.forward(ANGLES[i]));
            for (int k = 0; k < 6; k++) {
                assertThat(own[k]).as("inverse coefficient %d at %s", k, ANGLES[i])
                    .isCloseTo(inverse[k], org.assertj.core.api.Assertions.within(4 * Math.ulp(Math.abs(inverse[k]))));
            }
            int differing = 0;
            for (int p = 0; p < expected.length; p++) {
                if (turned.chw()[p] != expected[p]) {
                    differing++;
                }
            }
            assertThat(differing).as("samples that differ from Pillow's at %s", ANGLES[i])
                .isLessThan(expected.length / 1000);
            List<String> points = Files.readAllLines(tmp.resolve("turned_" + i + ".txt"));
            for (int j = 0; j < 21; j++) {
                String[] xy = points.get(j).trim().split("\\s+");
                assertThat(turned.keypoints()[2 * j]).as("x of keypoint %d at %s", j, ANGLES[i])
                    .isEqualTo(Double.parseDouble(xy[0]));
                assertThat(turned.keypoints()[2 * j + 1]).as("y of keypoint %d at %s", j, ANGLES[i])
                    .isEqualTo(Double.parseDouble(xy[1]));
            }
            assertThat(turned.intrinsics()).isEqualTo(CAMERA);
            assertThat(turned.confidences()).containsExactly(example.confidences());
        }
    }

    @Test
    void aHalfTurnMirrorsThePixelsAboutTheCentre() {
        float[] chw = new float[3 * 224 * 224];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < chw.length; i++) {
            chw[i] = random.nextInt(256) / 255f;
        }
        S2HandExample turned = S2HandRotation.turned(new S2HandExample(chw, CAMERA, keypoints(), confidences()),
            Math.PI);
        // pixel centre (x + 0.5) goes to 224 - (x + 0.5): pixel x to pixel 223 - x, up to the fixed-point rounding
        // at the last bit, which may shift a row or column by one; most pixels must match exactly
        int same = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 224; x++) {
                    if (turned.chw()[(c * 224 + y) * 224 + x] == chw[(c * 224 + 223 - y) * 224 + 223 - x]) {
                        same++;
                    }
                }
            }
        }
        assertThat(same).isGreaterThan((int) (0.98 * chw.length));
    }

    @Test
    void theAngleComesFromTheSeedAlone() {
        S2HandExample example = new S2HandExample(new float[3 * 224 * 224], CAMERA, keypoints(), confidences());
        assertThat(S2HandRotation.augmented(example, 42).keypoints())
            .containsExactly(S2HandRotation.augmented(example, 42).keypoints());
        assertThat(S2HandRotation.augmented(example, 42).keypoints())
            .isNotEqualTo(S2HandRotation.augmented(example, 43).keypoints());
    }

    private static double[] keypoints() {
        SplittableRandom random = new SplittableRandom(7);
        double[] k = new double[42];
        for (int i = 0; i < 42; i++) {
            k[i] = random.nextDouble(-5, 229);
        }
        return k;
    }

    private static double[] confidences() {
        double[] c = new double[21];
        for (int j = 0; j < 21; j++) {
            c[j] = j / 20.0;
        }
        return c;
    }

    private static BufferedImage crop224(BufferedImage image) {
        BufferedImage out = new BufferedImage(224, 224, BufferedImage.TYPE_3BYTE_BGR);
        out.getGraphics().drawImage(image.getSubimage(60, 150, 224, 224), 0, 0, null);
        return out;
    }
}
