package org.ambidex.data.ho3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.NdArray;
import org.ambidex.io.image.Images;
import org.ambidex.io.numpy.Npy;
import org.ambidex.nets.PyTorch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S2HAND's HO-3D crop against {@code ho3d_reference.py crop} (the reference's HO3D branch in PyTorch and Pillow) on
 * the generated folder's training frames (about the projected joints) and evaluation frames (about the box), with
 * the reference's noises set to chosen values: the same scale, whole-pixel box, camera and moved points (float32, to
 * the bit) and the same image to the bit.
 */
class Ho3dCropTest {

    @TempDir
    static Path dir;

    static Ho3dFixture fixture;

    @BeforeAll
    static void writeFolder() throws IOException {
        fixture = Ho3dFixture.write(dir.resolve("ho3d"));
    }

    @Test
    void trainingFramesAreCutAsTheReferenceCutsThem() throws IOException {
        PyTorch.assumeImports("torch", "numpy", "PIL");
        Ho3dDataset set = Ho3dDataset.open(fixture.base(), "training");
        float[][] noises = {{0f, 0f, Ho3dCrop.MEAN_SCALE_NOISE}, {3.7f, -2.1f, 0.8123f}, {-5.5f, 4.25f, 0.9f}};
        for (int i = 0; i < set.size(); i += 2) {
            compare(set.sample(i), "train", noises[i / 2 % noises.length]);
        }
    }

    @Test
    void evaluationFramesAreCutAboutTheirBox() throws IOException {
        PyTorch.assumeImports("torch", "numpy", "PIL");
        Ho3dDataset set = Ho3dDataset.open(fixture.base(), "evaluation");
        compare(set.sample(0), "evaluation", new float[] {0f, 0f, Ho3dCrop.MEAN_SCALE_NOISE});
        compare(set.sample(1), "evaluation", new float[] {-1.25f, 7.5f, 0.8f});
    }

    private static void compare(Ho3dSample s, String split, float[] noise) throws IOException {
        String what = s.name() + " " + java.util.Arrays.toString(noise);
        Path out = dir.resolve("crop-" + split + "-" + s.sequence() + "-" + s.frame() + "-" + noise[2]);
        PyTorch.scriptAt(Ho3dFixture.GENERATOR, "crop", fixture.base().toString(), split, s.sequence(), s.frame(),
            Float.toString(noise[0]), Float.toString(noise[1]), Float.toString(noise[2]), out.toString());
        float[] points = Ho3dCrop.referencePoints(s);
        Ho3dCrop crop = Ho3dCrop.about(points, noise[0], noise[1], noise[2]);

        assertThat(crop.scale()).as(what).isEqualTo(Npy.read(out.resolve("scale.npy")).toFloatArray()[0]);
        assertThat(crop.pixelBox()).as(what).containsExactly(Npy.read(out.resolve("box.npy")).toIntArray());

        NdArray k = Npy.read(out.resolve("K.npy"));
        Intrinsics mine = crop.intrinsics(s.intrinsics());
        assertThat(k.get(0, 1)).isZero();
        assertThat(k.get(2, 2)).isEqualTo(1.0);
        assertThat(mine.fx()).as(what).isCloseTo(k.get(0, 0), within(0.0));
        assertThat(mine.fy()).as(what).isCloseTo(k.get(1, 1), within(0.0));
        assertThat(mine.cx()).as(what).isCloseTo(k.get(0, 2), within(0.0));
        assertThat(mine.cy()).as(what).isCloseTo(k.get(1, 2), within(0.0));

        double[] uv = new double[points.length];
        for (int i = 0; i < uv.length; i++) {
            uv[i] = points[i];
        }
        double[] moved = crop.toCrop(uv);
        // The generator keeps HO-3D's order, ambidex OpenPose's.
        double[] inHo3dOrder = s.joints() == null ? moved : JointOrder.HO3D.convert(moved, JointOrder.OPENPOSE, 2);
        assertThat(inHo3dOrder).as(what).containsExactly(Npy.read(out.resolve("uv.npy")).toDoubleArray(),
            within(0.0));

        BufferedImage image = crop.image(Images.read(s.image()));
        byte[] expected = Npy.read(out.resolve("img.npy")).bytes();
        assertThat(expected).hasSize(224 * 224 * 3);
        int differ = 0;
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                int rgb = image.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    int v = (rgb >> (16 - 8 * c)) & 0xff;
                    differ += v == (expected[(y * 224 + x) * 3 + c] & 0xff) ? 0 : 1;
                }
            }
        }
        assertThat(differ).as(String.format(Locale.ROOT, "%s: samples unlike Pillow's", what)).isZero();
    }
}
