package org.ambidex.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.HandJoint;
import org.ambidex.hand.HandSide;

/**
 * Samples the hands of one frame: the interaction, each hand's finger posture (a preset with jitter), shape and
 * rigid placement relative to the other hand, then a random rotation of the whole group about the world origin
 * and a small independent jitter per hand. World frame: metres, y down (as the cameras' OpenCV frames), the
 * mean of the hands' vertices at the origin. Hands are placed by their palm frames; contact is approximate (no collision test).
 */
final class SceneSampler {

    /** Share of frames with a single hand. */
    static final double SINGLE_SHARE = 0.2;
    private static final Vec3 UP = new Vec3(0, -1, 0);
    private static final double JITTER_DEGREES = 6;

    private final ArrayHandPoser[] posers;
    private final HandRig[] rigs;

    SceneSampler(ArrayHandPoser right, ArrayHandPoser left) {
        this.posers = new ArrayHandPoser[] {right, left};
        this.rigs = new HandRig[] {new HandRig(right), new HandRig(left)};
    }

    /** The rig of hand {@code side}. */
    HandRig rig(HandSide side) {
        return rigs[side.index()];
    }

    /** The hands of one frame (one or two), placed in the world. */
    record Hands(Interaction interaction, List<PosedHand> hands) {
        PosedHand get(HandSide side) {
            for (PosedHand h : hands) {
                if (h.side == side) {
                    return h;
                }
            }
            return null;
        }
    }

    Hands sample(RandomGenerator random) {
        Interaction interaction = pickInteraction(random);
        double[] shape = shape(random);
        List<PosedHand> hands = new ArrayList<>();
        switch (interaction) {
            case PRAY -> {
                PosedHand r = hand(HandSide.RIGHT, FingerPreset.FLAT, shape, random);
                PosedHand l = hand(HandSide.LEFT, FingerPreset.FLAT, shape, random);
                placePalm(r, UP, new Vec3(-1, 0, 0), new Vec3(0.013, 0, 0));
                placePalm(l, UP, new Vec3(1, 0, 0), new Vec3(-0.013, 0, 0));
                hands.add(r);
                hands.add(l);
            }
            case CLASP -> {
                PosedHand r = hand(HandSide.RIGHT, FingerPreset.CLASP, shape, random);
                PosedHand l = hand(HandSide.LEFT, FingerPreset.CLASP, shape, random);
                placePalm(r, UP, new Vec3(-1, 0, 0), new Vec3(0.02, 0, 0));
                placePalm(l, new Vec3(0, -0.5, 0.87), new Vec3(1, 0, 0), new Vec3(-0.02, 0, 0));
                hands.add(r);
                hands.add(l);
            }
            case TOUCH, POINT -> {
                PosedHand l = hand(HandSide.LEFT, FingerPreset.OPEN, shape, random);
                placePalm(l, UP, new Vec3(0, 0, -1), Vec3.ZERO);
                PosedHand r = hand(HandSide.RIGHT, FingerPreset.POINT, shape, random);
                Vec3 palm = l.toWorld(l.palmCentre());
                Vec3 volar = l.rotation().times(l.palmFrame().column(2));
                double gap = interaction == Interaction.TOUCH ? 0.008 : 0.10;
                Mat3 rot = PosedHand.frame(new Vec3(0, 0, 1), new Vec3(0, 1, 0)).times(r.palmFrame().transpose());
                r.place(rot, r.local(HandJoint.INDEX_TIP), palm.plus(volar.times(gap)));
                hands.add(r);
                hands.add(l);
            }
            case PINCH -> {
                PosedHand l = hand(HandSide.LEFT, FingerPreset.RELAXED, shape, random);
                placePalm(l, UP, new Vec3(0, 0, -1), Vec3.ZERO);
                PosedHand r = hand(HandSide.RIGHT, FingerPreset.PINCH, shape, random);
                Vec3 pinch = r.local(HandJoint.THUMB_TIP).plus(r.local(HandJoint.INDEX_TIP)).times(0.5);
                Mat3 rot = PosedHand.frame(new Vec3(-1, 0, 0), new Vec3(0, 0, 1)).times(r.palmFrame().transpose());
                r.place(rot, pinch, l.toWorld(l.local(HandJoint.INDEX_TIP)));
                hands.add(r);
                hands.add(l);
            }
            case CROSS -> {
                PosedHand r = hand(HandSide.RIGHT, FingerPreset.OPEN, shape, random);
                PosedHand l = hand(HandSide.LEFT, FingerPreset.OPEN, shape, random);
                Mat3 rr = PosedHand.frame(new Vec3(-0.7, -0.7, 0), new Vec3(0, 0, -1)).times(r.palmFrame().transpose());
                Mat3 lr = PosedHand.frame(new Vec3(0.7, -0.7, 0), new Vec3(0, 0, -1)).times(l.palmFrame().transpose());
                r.place(rr, r.local(HandJoint.WRIST), new Vec3(0.03, 0.05, -0.015));
                l.place(lr, l.local(HandJoint.WRIST), new Vec3(-0.03, 0.05, 0.015));
                hands.add(r);
                hands.add(l);
            }
            case FIST -> {
                PosedHand r = hand(HandSide.RIGHT, FingerPreset.FIST, shape, random);
                PosedHand l = hand(HandSide.LEFT, FingerPreset.FIST, shape, random);
                Mat3 rr = PosedHand.frame(new Vec3(-1, 0, 0), new Vec3(0, 1, 0)).times(r.palmFrame().transpose());
                Mat3 lr = PosedHand.frame(new Vec3(1, 0, 0), new Vec3(0, 1, 0)).times(l.palmFrame().transpose());
                r.place(rr, r.local(HandJoint.MIDDLE_MCP), new Vec3(0.035, 0, 0));
                l.place(lr, l.local(HandJoint.MIDDLE_MCP), new Vec3(-0.035, 0, 0));
                hands.add(r);
                hands.add(l);
            }
            case SINGLE -> {
                HandSide side = random.nextBoolean() ? HandSide.RIGHT : HandSide.LEFT;
                FingerPreset[] presets = FingerPreset.values();
                PosedHand h = hand(side, presets[random.nextInt(presets.length)], shape, random);
                Vec3 distal = randomDirection(random);
                placePalm(h, distal, randomDirection(random), Vec3.ZERO);
                hands.add(h);
            }
            default -> throw new IllegalStateException(interaction.toString());
        }
        Mat3 group = randomRotation(random);
        for (PosedHand h : hands) {
            h.transform(group, Vec3.ZERO);
            Vec3 centre = h.toWorld(h.palmCentre());
            Mat3 wobble = Rotations.axisAngleToMatrix(randomDirection(random).times(Math.toRadians(4) * random.nextGaussian()));
            Vec3 shift = new Vec3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()).times(0.002);
            // rotate about the palm centre, then shift
            h.transform(wobble, centre.minus(wobble.times(centre)).plus(shift));
        }
        // Centre the group's mesh on the world origin, where the cameras look.
        Vec3 sum = Vec3.ZERO;
        int count = 0;
        for (PosedHand h : hands) {
            double[] v = h.worldVertices();
            for (int i = 0; i < v.length; i += 3) {
                sum = sum.plus(Vec3.of(v, i));
                count++;
            }
        }
        Vec3 mean = sum.times(1.0 / count);
        for (PosedHand h : hands) {
            h.transform(Mat3.IDENTITY, mean.times(-1));
        }
        return new Hands(interaction, hands);
    }

    private static Interaction pickInteraction(RandomGenerator random) {
        if (random.nextDouble() < SINGLE_SHARE) {
            return Interaction.SINGLE;
        }
        Interaction[] all = Interaction.values();
        return all[random.nextInt(all.length - 1)];
    }

    /** Shape coefficients: {@code N(0, 1)} clipped to +-2.5 for the model's first (up to 10) directions. */
    private double[] shape(RandomGenerator random) {
        double[] s = new double[10];
        int n = Math.min(10, posers[0].model().shapeCount());
        for (int i = 0; i < n; i++) {
            s[i] = Math.max(-2.5, Math.min(2.5, random.nextGaussian()));
        }
        return s;
    }

    private PosedHand hand(HandSide side, FingerPreset preset, double[] shape, RandomGenerator random) {
        double[] fingers = rigs[side.index()].fingerPose(preset.angles(random, JITTER_DEGREES));
        return new PosedHand(posers[side.index()], side, fingers, shape);
    }

    /** Turns the hand so its palm frame has the given distal and volar directions, palm centre at {@code centre}. */
    private static void placePalm(PosedHand h, Vec3 distal, Vec3 volar, Vec3 centre) {
        Mat3 rot = PosedHand.frame(distal, volar).times(h.palmFrame().transpose());
        h.place(rot, h.palmCentre(), centre);
    }

    static Vec3 randomDirection(RandomGenerator random) {
        Vec3 v;
        do {
            v = new Vec3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian());
        } while (v.norm() < 1e-6);
        return v.normalized();
    }

    /** A rotation uniform over SO(3) (from a uniform unit quaternion). */
    static Mat3 randomRotation(RandomGenerator random) {
        double[] q = new double[4];
        double n;
        do {
            n = 0;
            for (int i = 0; i < 4; i++) {
                q[i] = random.nextGaussian();
                n += q[i] * q[i];
            }
        } while (n < 1e-12);
        n = Math.sqrt(n);
        double w = q[0] / n;
        double x = q[1] / n;
        double y = q[2] / n;
        double z = q[3] / n;
        return Mat3.ofRowMajor(
            1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y));
    }
}
