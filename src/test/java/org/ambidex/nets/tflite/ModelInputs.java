package org.ambidex.nets.tflite;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ambidex.io.image.Images;

/** NHWC float32 RGB inputs in [0, 1] that the project makes itself, for comparing networks. */
public final class ModelInputs {

    /** Example photos of the repository (rendered by {@code ambidex synth}): one hand, two hands, a pinch. */
    public static final String[] EXAMPLES = {
        "examples/images/train/Capture0/synth_single/cam410000/image1.jpg",
        "examples/images/train/Capture1/synth_clasp/cam410000/image3.jpg",
        "examples/images/train/Capture5/synth_pinch/cam410000/image11.jpg"};

    private ModelInputs() {
    }

    /** The centre square of example {@code index}, resized (bilinear) to {@code side x side}. */
    public static float[] example(int index, int side) {
        Path file = Path.of(System.getProperty("ambidex.repo.root", ".")).resolve(EXAMPLES[index]);
        BufferedImage image = Images.read(file);
        int crop = Math.min(image.getWidth(), image.getHeight());
        int x0 = (image.getWidth() - crop) / 2;
        int y0 = (image.getHeight() - crop) / 2;
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, side, side, x0, y0, x0 + crop, y0 + crop, null);
        g.dispose();
        float[] v = new float[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int rgb = out.getRGB(x, y);
                int at = (y * side + x) * 3;
                v[at] = (rgb >> 16 & 0xff) / 255f;
                v[at + 1] = (rgb >> 8 & 0xff) / 255f;
                v[at + 2] = (rgb & 0xff) / 255f;
            }
        }
        return v;
    }

    /** {@code v[y, x, c] = ((7x + 13y + 29c) mod 256) / 255} (the shared pattern reference's input). */
    public static float[] pattern(int side) {
        float[] v = new float[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                for (int c = 0; c < 3; c++) {
                    v[(y * side + x) * 3 + c] = ((7 * x + 13 * y + 29 * c) % 256) / 255f;
                }
            }
        }
        return v;
    }

    /** Uniform noise in [0, 1) from {@code seed}. */
    public static float[] noise(int side, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[side * side * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        return v;
    }

    /** The example crops, the pattern and noise, one after the other: {@link #COUNT} images. */
    public static float[] all(int side) {
        float[][] parts = {example(0, side), example(1, side), example(2, side), pattern(side), noise(side, 19)};
        float[] v = new float[parts.length * side * side * 3];
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, v, i * side * side * 3, side * side * 3);
        }
        return v;
    }

    /** The number of images of {@link #all}. */
    public static final int COUNT = 5;

    /** The names of the images of {@link #all}, in order. */
    public static final String[] NAMES = {"one hand", "clasp", "pinch", "pattern", "noise"};
}
