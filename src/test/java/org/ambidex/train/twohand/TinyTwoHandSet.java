package org.ambidex.train.twohand;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ambidex.data.Bbox;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoPair;
import org.ambidex.data.ManoParams;
import org.ambidex.data.interhand.InterHandWriter;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.image.Images;
import org.ambidex.nets.twohand.TinyHandModels;

/**
 * A small InterHand2.6M-format set written for training tests: random hand-model poses of the tiny hand models
 * in front of a camera at the origin, each image a grey canvas with the projected joints drawn as dots coloured by
 * hand and finger (enough signal for a network to fit).
 */
public final class TinyTwoHandSet {

    public static final HandModel RIGHT = TinyHandModels.of(HandSide.RIGHT, 21);
    public static final HandModel LEFT = TinyHandModels.of(HandSide.LEFT, 22);
    static final int SIZE = 96;
    static final Intrinsics K = new Intrinsics(150, 150, SIZE / 2.0, SIZE / 2.0);

    private TinyTwoHandSet() {
    }

    /** Writes {@code frames} frames to split {@code split} of {@code root}, drawn from {@code seed}. */
    public static Path write(Path root, String split, int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        HandType[] types = {HandType.INTERACTING, HandType.RIGHT, HandType.LEFT, HandType.INTERACTING};
        try (NDManager m = NDManager.newBaseManager();
             HandLayer right = new HandLayer(RIGHT, m, DataType.FLOAT64);
             HandLayer left = new HandLayer(LEFT, m, DataType.FLOAT64);
             InterHandWriter w = InterHandWriter.create(root, split)) {
            w.addCamera(0, "400001", Camera.atOrigin(K));
            HandLayer[] layers = {right, left};
            for (int f = 0; f < frames; f++) {
                HandType type = types[f % types.length];
                double[] world = new double[126];
                boolean[] valid = new boolean[42];
                ManoParams[] mano = new ManoParams[2];
                for (int h = 0; h < 2; h++) {
                    if (!type.has(h)) {
                        continue;
                    }
                    double[] pose = new double[48];
                    pose[0] = Math.PI + r.nextDouble(-0.4, 0.4); // palm towards the camera, fingers up
                    pose[1] = r.nextDouble(-0.4, 0.4);
                    pose[2] = r.nextDouble(-0.4, 0.4);
                    for (int i = 3; i < 48; i++) {
                        pose[i] = r.nextDouble(-0.3, 0.3);
                    }
                    double[] shape = new double[10];
                    for (int i = 0; i < 10; i++) {
                        shape[i] = r.nextDouble(-1, 1);
                    }
                    double[] trans = {(h == 0 ? 0.06 : -0.06) + r.nextDouble(-0.02, 0.02), r.nextDouble(-0.02, 0.02),
                        0.45 + r.nextDouble(-0.05, 0.05)};
                    mano[h] = new ManoParams(pose, shape, trans);
                    double[] joints = pose(layers[h], m, pose, shape, trans);
                    int[] from42 = JointOrder.gatherFromInterHand42(HandSide.ofIndex(h));
                    for (int op = 0; op < 21; op++) {
                        System.arraycopy(joints, 3 * op, world, 3 * from42[op], 3);
                        valid[from42[op]] = true;
                    }
                }
                w.addFrame(0, f, new InterHandWriter.Frame(world, valid, type, new ManoPair(mano[0], mano[1])));
                BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                g.setColor(Color.GRAY);
                g.fillRect(0, 0, SIZE, SIZE);
                double minX = 1e9;
                double minY = 1e9;
                double maxX = -1e9;
                double maxY = -1e9;
                for (int j = 0; j < 42; j++) {
                    if (!valid[j]) {
                        continue;
                    }
                    double[] p = K.project(new org.ambidex.geom.Vec3(world[3 * j], world[3 * j + 1], world[3 * j + 2]));
                    minX = Math.min(minX, p[0]);
                    maxX = Math.max(maxX, p[0]);
                    minY = Math.min(minY, p[1]);
                    maxY = Math.max(maxY, p[1]);
                    int finger = (j % 21) / 4;
                    g.setColor(new Color(j < 21 ? 230 : 30, 40 + 40 * finger, j < 21 ? 30 : 230));
                    g.fillOval((int) Math.round(p[0]) - 2, (int) Math.round(p[1]) - 2, 5, 5);
                }
                g.dispose();
                Path file = w.addImage(0, "seq", "400001", f, SIZE, SIZE,
                    new Bbox(minX, minY, Math.max(1, maxX - minX), Math.max(1, maxY - minY)), valid, type, true);
                Images.write(file, image);
            }
        }
        return root;
    }

    private static double[] pose(HandLayer layer, NDManager m, double[] pose, double[] shape, double[] trans) {
        double[] root = {pose[0], pose[1], pose[2]};
        double[] fingers = java.util.Arrays.copyOfRange(pose, 3, 48);
        HandParams p = new HandParams(m.create(shape, new Shape(1, 10)), m.create(root, new Shape(1, 3)),
            m.create(fingers, new Shape(1, 45)), HandPoseKind.AXIS_ANGLE, m.create(trans, new Shape(1, 3)), false);
        try (HandOutput out = layer.forward(p, FingertipSet.INTAGHAND, JointOrder.OPENPOSE)) {
            return out.keypoints().toDoubleArray();
        }
    }
}
