package org.ambidex.train.internet;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ambidex.data.Bbox;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoPair;
import org.ambidex.data.crop.InterNetCrop;
import org.ambidex.data.interhand.InterHandWriter;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.io.image.Images;
import org.ambidex.nets.InterNetConfig;

/**
 * A tiny InterHand2.6M-format set for training tests: random hands 0.5 m in front of a camera at the origin, drawn
 * as discs (right hand red, left hand blue) on a 160 x 128 image, boxes around the valid joints.
 */
public final class TinyInterHandSet {

    /** A narrow ResNet-18 InterNet with the real heatmap sizes (64^3 per joint). */
    public static final InterNetConfig TINY = new InterNetConfig(18, 4, 21, 64, 8, 16, 64);

    private TinyInterHandSet() {
    }

    /** Writes {@code frames} frames into split {@code split} of {@code root}; returns {@code root}. */
    public static Path write(Path root, String split, int frames, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        HandType[] types = {HandType.INTERACTING, HandType.RIGHT, HandType.LEFT};
        Camera camera = Camera.atOrigin(new Intrinsics(300, 300, 80, 64));
        try (InterHandWriter w = InterHandWriter.create(root, split)) {
            w.addCamera(0, "400001", camera);
            for (int f = 0; f < frames; f++) {
                HandType type = types[f % types.length];
                double[] world = new double[126];
                double[] uv = new double[84];
                boolean[] valid = new boolean[42];
                for (int j = 0; j < 42; j++) {
                    world[3 * j] = (j < 21 ? -0.03 : 0.03) + random.nextDouble(-0.03, 0.03);
                    world[3 * j + 1] = random.nextDouble(-0.03, 0.03);
                    world[3 * j + 2] = 0.5 + random.nextDouble(-0.05, 0.05);
                    valid[j] = type.has(j / 21);
                    double[] p = camera.project(Vec3.of(world, 3 * j));
                    uv[2 * j] = p[0];
                    uv[2 * j + 1] = p[1];
                }
                w.addFrame(0, f, new InterHandWriter.Frame(world, valid, type, ManoPair.NONE));
                Bbox box = InterNetCrop.jointBbox(uv, valid);
                Path image = w.addImage(0, "seq", "400001", f, 160, 128, box, valid, type, true);
                BufferedImage picture = new BufferedImage(160, 128, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = picture.createGraphics();
                g.setColor(new Color(40, 40, 40));
                g.fillRect(0, 0, 160, 128);
                for (int j = 0; j < 42; j++) {
                    if (valid[j]) {
                        g.setColor(j < 21 ? new Color(220, 60, 40) : new Color(40, 80, 220));
                        g.fillOval((int) Math.round(uv[2 * j]) - 2, (int) Math.round(uv[2 * j + 1]) - 2, 5, 5);
                    }
                }
                g.dispose();
                try {
                    java.nio.file.Files.createDirectories(image.getParent());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                Images.write(image, picture);
            }
        }
        return root;
    }
}
