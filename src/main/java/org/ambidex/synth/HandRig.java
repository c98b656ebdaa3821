package org.ambidex.synth;

import org.ambidex.geom.Mat3;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandJoint;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandParamArrays;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;

/**
 * Anatomical joint axes of a hand model, derived from its rest skeleton so that any MANO-compatible model can be
 * posed by flexion, abduction and twist angles: per finger joint, the twist axis is the bone toward the next
 * joint (or the fingertip), the abduction axis the palm's volar normal made orthogonal to the bone, the flexion
 * axis their cross product, signed so that positive flexion curls toward the palm. The volar side follows from
 * the hand's side: for a right hand the volar normal is {@code radial x distal} (radial = pinky MCP to index
 * MCP, distal = wrist to middle MCP), for a left hand its opposite.
 *
 * <p>A joint's rotation is {@code R(flexion, f) R(abduction, a) R(twist, t)} in the rest frame, which is what a
 * MANO pose parameter is (rest joints carry no rotation), so the angles turn into axis-angle pose values.
 */
final class HandRig {

    private final HandModel model;
    private final double[][][] axes = new double[16][][];
    private final double[] handsMean;
    private final double[] rest;
    private final Vec3 volar;
    private final Vec3 radial;

    HandRig(ArrayHandPoser poser) {
        this.model = poser.model();
        handsMean = model.handsMean().toDoubleArray();
        rest = restKeypoints(poser);
        Vec3 wrist = point(rest, HandJoint.WRIST);
        Vec3 distal = point(rest, HandJoint.MIDDLE_MCP).minus(wrist).normalized();
        radial = point(rest, HandJoint.INDEX_MCP).minus(point(rest, HandJoint.PINKY_MCP)).normalized();
        Vec3 v = radial.cross(distal).normalized();
        volar = model.side() == HandSide.LEFT ? v.times(-1) : v;
        axes[0] = new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int j = 1; j < 16; j++) {
            HandJoint joint = JointOrder.MANO16.joints().get(j);
            Vec3 from = point(rest, joint);
            Vec3 to = point(rest, next(joint));
            Vec3 twist = to.minus(from).normalized();
            Vec3 abduction = volar.minus(twist.times(volar.dot(twist))).normalized();
            Vec3 flexion = twist.cross(abduction).normalized();
            // Positive abduction moves the digit toward the thumb side.
            if (abduction.cross(twist).dot(radial) < 0) {
                abduction = abduction.times(-1);
            }
            axes[j] = new double[][] {flexion.toArray(), abduction.toArray(), twist.toArray()};
        }
    }

    HandModel model() {
        return model;
    }

    /** The palm's volar normal in the rest pose (unit; points out of the palm). */
    Vec3 volar() {
        return volar;
    }

    /** The rest pose's radial direction, pinky MCP to index MCP (unit). */
    Vec3 radial() {
        return radial;
    }

    /** Rest keypoint {@code joint} (metres, model frame). */
    Vec3 restPoint(HandJoint joint) {
        return point(rest, joint);
    }

    private static HandJoint next(HandJoint joint) {
        // The joint one level further along the same finger (its tip for the last joint).
        return HandJoint.of(joint.finger(), joint.level() + 1);
    }

    private static Vec3 point(double[] openPose, HandJoint joint) {
        return Vec3.of(openPose, 3 * JointOrder.OPENPOSE.indexOf(joint));
    }

    /** The rest pose (no hand mean, zero shape) keypoints in OpenPose order, metres. */
    private static double[] restKeypoints(ArrayHandPoser poser) {
        HandParamArrays p = new HandParamArrays(null, new double[1][3], new double[1][45], HandPoseKind.AXIS_ANGLE,
            null, true);
        return poser.pose(p, FingertipSet.INTAGHAND, JointOrder.OPENPOSE).joints();
    }

    /**
     * The 45 finger pose values as InterHand2.6M stores them (offsets from the model's hand mean) for anatomical
     * angles {@code angles[j] = {flexion, abduction, twist}} in radians, MANO joints 1..15 ({@code angles[0]}
     * ignored).
     */
    double[] fingerPose(double[][] angles) {
        double[] pose = new double[45];
        for (int j = 1; j < 16; j++) {
            Mat3 r = Rotations.axisAngleToMatrix(Vec3.of(axes[j][0], 0).times(angles[j][0]))
                .times(Rotations.axisAngleToMatrix(Vec3.of(axes[j][1], 0).times(angles[j][1])))
                .times(Rotations.axisAngleToMatrix(Vec3.of(axes[j][2], 0).times(angles[j][2])));
            Vec3 w = Rotations.matrixToAxisAngle(r);
            pose[3 * (j - 1)] = w.x() - handsMean[3 * (j - 1)];
            pose[3 * (j - 1) + 1] = w.y() - handsMean[3 * (j - 1) + 1];
            pose[3 * (j - 1) + 2] = w.z() - handsMean[3 * (j - 1) + 2];
        }
        return pose;
    }
}
