package org.ambidex.synth;

import org.ambidex.data.ManoParams;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandJoint;
import org.ambidex.hand.HandParamArrays;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.hand.PosedHandArrays;

/**
 * One hand posed by the hand layer with its finger pose and shape, root unrotated and untranslated ("local"),
 * and the rigid placement that puts it in the world. Because the layer's root rotation pivots about the root
 * joint {@code J0}, a local point {@code p} lands at {@code R (p - J0) + J0 + trans}: exactly what the layer
 * computes with root orientation R and translation trans, so the recorded MANO parameters reproduce the mesh.
 */
final class PosedHand {

    final HandSide side;
    final double[] fingerPose;
    final double[] shape;
    final double[] localVertices;
    /** 21 keypoints in the InterHand2.6M hand-block order (InterHand2.6M fingertip vertices), local, metres. */
    final double[] localKeypoints;
    final Vec3 rootJoint;
    private Mat3 rotation = Mat3.IDENTITY;
    private Vec3 trans = Vec3.ZERO;

    PosedHand(ArrayHandPoser poser, HandSide side, double[] fingerPose, double[] shape) {
        this.side = side;
        this.fingerPose = fingerPose.clone();
        this.shape = shape.clone();
        double[] betas = java.util.Arrays.copyOf(shape, Math.min(shape.length, poser.model().shapeCount()));
        HandParamArrays p = new HandParamArrays(new double[][] {betas}, new double[1][3], new double[][] {fingerPose},
            HandPoseKind.AXIS_ANGLE, null, false);
        PosedHandArrays out = poser.pose(p, FingertipSet.INTERHAND, JointOrder.INTERHAND);
        localVertices = out.vertices();
        localKeypoints = out.joints();
        // Unrotated and untranslated, the root joint is the wrist keypoint.
        rootJoint = local(HandJoint.WRIST);
    }

    /** A keypoint, local frame. */
    Vec3 local(HandJoint joint) {
        return Vec3.of(localKeypoints, 3 * JointOrder.INTERHAND.indexOf(joint));
    }

    /** Where the placement puts local point {@code p}. */
    Vec3 toWorld(Vec3 p) {
        return rotation.times(p.minus(rootJoint)).plus(rootJoint).plus(trans);
    }

    Mat3 rotation() {
        return rotation;
    }

    /** Places the hand: rotation {@code r} about the root joint, then local point {@code anchor} at {@code target}. */
    void place(Mat3 r, Vec3 anchor, Vec3 target) {
        rotation = r;
        trans = Vec3.ZERO;
        trans = target.minus(toWorld(anchor));
    }

    /** Moves the placed hand rigidly: {@code x -> q x + offset} in world coordinates. */
    void transform(Mat3 q, Vec3 offset) {
        // q (R (p - J0) + J0 + t) + o = (q R)(p - J0) + J0 + [q (J0 + t) + o - J0]
        Vec3 newTrans = q.times(rootJoint.plus(trans)).plus(offset).minus(rootJoint);
        rotation = q.times(rotation);
        trans = newTrans;
    }

    /** The palm frame (columns: distal, e2 = volar x distal, volar), local. */
    Mat3 palmFrame() {
        Vec3 wrist = local(HandJoint.WRIST);
        Vec3 distal = local(HandJoint.MIDDLE_MCP).minus(wrist).normalized();
        Vec3 radial = local(HandJoint.INDEX_MCP).minus(local(HandJoint.PINKY_MCP));
        Vec3 volar = radial.cross(distal);
        if (side == HandSide.LEFT) {
            volar = volar.times(-1);
        }
        return frame(distal, volar);
    }

    /** The palm centre, local: halfway between the wrist and the middle finger's base. */
    Vec3 palmCentre() {
        return local(HandJoint.WRIST).plus(local(HandJoint.MIDDLE_MCP)).times(0.5);
    }

    /** A right-handed orthonormal frame with first column {@code distal} and third column {@code volar} (made orthogonal). */
    static Mat3 frame(Vec3 distal, Vec3 volar) {
        Vec3 d = distal.normalized();
        Vec3 n = volar.minus(d.times(volar.dot(d))).normalized();
        return Mat3.ofColumns(d, n.cross(d), n);
    }

    double[] worldVertices() {
        double[] out = new double[localVertices.length];
        for (int i = 0; i < out.length; i += 3) {
            Vec3 w = toWorld(Vec3.of(localVertices, i));
            out[i] = w.x();
            out[i + 1] = w.y();
            out[i + 2] = w.z();
        }
        return out;
    }

    double[] worldKeypoints() {
        double[] out = new double[localKeypoints.length];
        for (int i = 0; i < out.length; i += 3) {
            Vec3 w = toWorld(Vec3.of(localKeypoints, i));
            out[i] = w.x();
            out[i + 1] = w.y();
            out[i + 2] = w.z();
        }
        return out;
    }

    /** The MANO-format parameters that reproduce this hand in the world (pose offsets from the hand mean). */
    ManoParams params() {
        double[] pose = new double[ManoParams.POSE_SIZE];
        System.arraycopy(Rotations.matrixToAxisAngle(rotation).toArray(), 0, pose, 0, 3);
        System.arraycopy(fingerPose, 0, pose, 3, 45);
        return new ManoParams(pose, java.util.Arrays.copyOf(shape, ManoParams.SHAPE_SIZE), trans.toArray());
    }
}
