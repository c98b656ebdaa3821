package org.ambidex.fit;

import java.util.Arrays;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.Finger;
import org.ambidex.hand.HandJoint;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.NdArray;

/**
 * The anatomical parameterisation of the 15 finger joints the fitter optimises: per joint three orthonormal
 * rotation axes in the rest frame (flexion, abduction, twist; right-handed) and a range per axis (radians).
 * Joint k's rotation is {@code R(flexion, f) R(abduction, a) R(twist, t)}, the convention of docs/HAND_MODEL.md,
 * so the box {@code lower <= (f, a, t) <= upper} is the joint limit: no finger bends backwards past its range or
 * twists about its own bone.
 *
 * <p>A model that stores {@code joint_axes} and {@code joint_limits} (the open model) is used as stored. For any
 * other model (MANO) the axes are derived from its rest skeleton by the open model's rules (twist along the bone,
 * abduction about the digit's dorsal normal, flexion curling towards the palm; the thumb's dorsal normal halfway
 * between the palm's dorsal normal and the radial direction, as the open model's thumb nail faces) and the open
 * model's anatomical ranges (docs/HAND_MODEL.md, "Joint limits") are used about them.
 */
final class JointFrames {

    /** Finger joints (MANO joints 1..15). */
    static final int FINGER_JOINTS = HandModel.JOINTS - 1;
    private static final double ORTHONORMAL_TOLERANCE = 1e-6;

    /** Per finger joint 1..15: rows flexion, abduction, twist (15 x 9). */
    private final double[] axes;
    /** Per finger joint 1..15 and axis: the range, radians (15 x 3). */
    private final Range[] limits;
    private final boolean stored;

    private JointFrames(double[] axes, Range[] limits, boolean stored) {
        this.axes = axes;
        this.limits = limits;
        this.stored = stored;
    }

    /** The model's own frames and limits when it stores valid ones, else frames derived from {@code restKeypoints}. */
    static JointFrames of(HandModel model, double[] restKeypoints) {
        NdArray storedAxes = model.extras().get("joint_axes");
        NdArray storedLimits = model.extras().get("joint_limits");
        if (storedAxes != null && storedLimits != null && storedAxes.size() == 144 && storedLimits.size() == 96) {
            double[] all = storedAxes.toDoubleArray();
            double[] fingers = Arrays.copyOfRange(all, 9, 144);
            if (rightHandedOrthonormal(fingers)) {
                return withLimits(fingers, storedLimits.toDoubleArray(), true);
            }
        }
        double[] derived = derive(restKeypoints, model.side());
        HandModel open = HandModelLoader.resolve(HandModelLoader.OPEN, model.side(), false);
        return withLimits(derived, open.extras().get("joint_limits").toDoubleArray(), false);
    }

    /** Frames derived from the rest skeleton even when the model stores its own (to test the derivation). */
    static double[] derive(double[] restKeypoints, HandSide side) {
        Vec3 wrist = point(restKeypoints, HandJoint.WRIST);
        Vec3 distal = point(restKeypoints, HandJoint.MIDDLE_MCP).minus(wrist).normalized();
        Vec3 radial = perpendicular(point(restKeypoints, HandJoint.INDEX_MCP)
            .minus(point(restKeypoints, HandJoint.PINKY_MCP)), distal).normalized();
        double sign = side == HandSide.RIGHT ? 1 : -1;
        // radial x distal is the volar normal of a right hand; a left hand is its mirror image.
        Vec3 dorsal = radial.cross(distal).times(-sign);
        Vec3 thumbDorsal = dorsal.plus(radial).normalized();
        double[] out = new double[FINGER_JOINTS * 9];
        for (int k = 1; k <= FINGER_JOINTS; k++) {
            HandJoint joint = JointOrder.MANO16.joints().get(k);
            Vec3 bone = point(restKeypoints, HandJoint.of(joint.finger(), joint.level() + 1))
                .minus(point(restKeypoints, joint)).normalized();
            Vec3 normal = perpendicular(joint.finger() == Finger.THUMB ? thumbDorsal : dorsal, bone);
            if (normal.norm() < 1e-9) {
                // A bone along the reference normal (never in a hand-like model): any perpendicular will do.
                normal = perpendicular(radial, bone);
            }
            normal = normal.normalized();
            // Positive flexion moves the bone's end towards the volar side, positive abduction towards the
            // thumb on a right hand; the left hand's axes are the mirrored pseudo-vectors, so the same angles
            // are the same motion on both hands (and its twist axis points proximally).
            Vec3 flexion = normal.cross(bone).normalized();
            Vec3 abduction = normal.times(sign);
            Vec3 twist = flexion.cross(abduction);
            int o = 9 * (k - 1);
            for (Vec3 v : new Vec3[] {flexion, abduction, twist}) {
                System.arraycopy(v.toArray(), 0, out, o, 3);
                o += 3;
            }
        }
        return out;
    }

    private static JointFrames withLimits(double[] fingerAxes, double[] limits16, boolean stored) {
        // limits16 is (16, 3, 2) with the free root first.
        Range[] limits = new Range[FINGER_JOINTS * 3];
        for (int i = 0; i < limits.length; i++) {
            limits[i] = new Range(limits16[6 + 2 * i], limits16[6 + 2 * i + 1]);
        }
        return new JointFrames(fingerAxes, limits, stored);
    }

    /** The limits of angle {@code i} = 3 (k-1) + axis (flexion, abduction, twist of joint k), radians. */
    Range limit(int i) {
        return limits[i];
    }

    /** Whether the frames came from the model file ({@code joint_axes}) rather than its rest skeleton. */
    boolean stored() {
        return stored;
    }

    /** The axes (15 x 9, rows flexion, abduction, twist), a copy. */
    double[] axes() {
        return axes.clone();
    }

    /**
     * The rotations of the 45 angles (15 x 9 into {@code rotations}) and, per joint, the rest-frame axes that the
     * three angles turn about at these angles, {@code dR = [axis]x R d(angle)} (15 x 9 into {@code angleAxes}):
     * the flexion axis, the abduction axis turned by the flexion, the twist axis turned by both.
     */
    void compose(double[] angles, double[] rotations, double[] angleAxes, double[] work) {
        for (int j = 0; j < FINGER_JOINTS; j++) {
            int o = 9 * j;
            Mat3Buffers.setRotation(axes[o], axes[o + 1], axes[o + 2], angles[3 * j], work, 0);
            Mat3Buffers.setRotation(axes[o + 3], axes[o + 4], axes[o + 5], angles[3 * j + 1], work, 9);
            Mat3Buffers.setRotation(axes[o + 6], axes[o + 7], axes[o + 8], angles[3 * j + 2], work, 18);
            Mat3Buffers.multiply(work, 0, work, 9, work, 27);
            Mat3Buffers.multiply(work, 27, work, 18, rotations, o);
            System.arraycopy(axes, o, angleAxes, o, 3);
            Mat3Buffers.apply(work, 0, axes[o + 3], axes[o + 4], axes[o + 5], angleAxes, o + 3);
            Mat3Buffers.apply(work, 27, axes[o + 6], axes[o + 7], axes[o + 8], angleAxes, o + 6);
        }
    }

    /** Scratch size {@link #compose} needs. */
    static int workSize() {
        return 36;
    }

    /**
     * The angles (flexion, abduction, twist) of joint {@code j} (0-based finger joint) whose composition is the
     * rotation {@code r[ro..ro+9)}: an X-Y-Z Euler decomposition in the joint's frame. Exact for abduction inside
     * (-90, 90) degrees, which the limits keep.
     */
    void angles(double[] r, int ro, int j, double[] out, int oo) {
        double[] a = Arrays.copyOfRange(axes, 9 * j, 9 * j + 9);
        // r' = A r A^T with A's rows the axes: then r' = Rx(f) Ry(a) Rz(t).
        double[] t = new double[9];
        double[] at = {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
        double[] inFrame = new double[9];
        Mat3Buffers.multiply(a, 0, r, ro, t, 0);
        Mat3Buffers.multiply(t, 0, at, 0, inFrame, 0);
        out[oo + 1] = Math.asin(Math.max(-1, Math.min(1, inFrame[2])));
        out[oo] = Math.atan2(-inFrame[5], inFrame[8]);
        out[oo + 2] = Math.atan2(-inFrame[1], inFrame[0]);
    }

    private static boolean rightHandedOrthonormal(double[] frames) {
        for (int j = 0; j < FINGER_JOINTS; j++) {
            Vec3 f = Vec3.of(frames, 9 * j);
            Vec3 a = Vec3.of(frames, 9 * j + 3);
            Vec3 t = Vec3.of(frames, 9 * j + 6);
            boolean ok = Math.abs(f.norm() - 1) < ORTHONORMAL_TOLERANCE && Math.abs(a.norm() - 1) < ORTHONORMAL_TOLERANCE
                && Math.abs(f.dot(a)) < ORTHONORMAL_TOLERANCE && f.cross(a).distance(t) < 10 * ORTHONORMAL_TOLERANCE;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Vec3 point(double[] keypoints, HandJoint joint) {
        return Vec3.of(keypoints, 3 * JointOrder.MANO16_TIPS.indexOf(joint));
    }

    private static Vec3 perpendicular(Vec3 v, Vec3 unitDirection) {
        return v.minus(unitDirection.times(v.dot(unitDirection)));
    }
}
