package org.ambidex.synth;

import org.ambidex.geom.Vec3;
import org.ambidex.hand.Finger;
import org.ambidex.hand.HandJoint;
import org.ambidex.hand.HandModel;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.VertexNormals;

/**
 * Where on a hand model's skin the palm and the nails are, as per-vertex weights in [0, 1] computed once from
 * the rest pose (so they follow the skin when it is posed). Real hands show their chirality through these: the
 * volar skin is lighter than the dorsal skin and the nails sit on the dorsal side of the last phalanges. Without
 * them a flat hand seen from the back and the other hand seen from the palm render alike.
 *
 * <p>Palm weight: a smooth step of the rest vertex normal's component along the volar normal ({@link
 * HandRig#volar()}). Nail weight, per finger: a smooth window along the distal phalanx (tip keypoint back toward
 * the DIP, or the thumb's IP) times a smooth step of the normal's component along the nail's direction (the
 * dorsal normal, for the thumb turned halfway toward the radial side, where its nail faces in the rest pose).
 */
final class SkinRegions {

    /** Fraction of the distal phalanx, from the tip keypoint, that the nail covers. */
    static final double NAIL_LENGTH = 0.6;

    private final float[] palm;
    private final float[] nail;

    private SkinRegions(float[] palm, float[] nail) {
        this.palm = palm;
        this.nail = nail;
    }

    /** The regions of {@code rig}'s model. */
    static SkinRegions of(HandRig rig) {
        HandModel model = rig.model();
        double[] template = model.vTemplate().toDoubleArray();
        int[] faces = model.faces().toIntArray();
        double[] normals = VertexNormals.areaWeighted(Mesh.of("rest", template, faces));
        int n = template.length / 3;
        Vec3 volar = rig.volar();
        float[] palm = new float[n];
        float[] nail = new float[n];
        for (int i = 0; i < n; i++) {
            palm[i] = (float) smoothStep(-0.15, 0.45, Vec3.of(normals, 3 * i).dot(volar));
        }
        for (Finger finger : Finger.values()) {
            Vec3 tip = rig.restPoint(HandJoint.of(finger, 4));
            Vec3 base = rig.restPoint(HandJoint.of(finger, 3));
            Vec3 axis = tip.minus(base);
            double length = axis.norm();
            axis = axis.times(1 / length);
            Vec3 facing = finger == Finger.THUMB ? volar.times(-1).plus(rig.radial()) : volar.times(-1);
            facing = facing.minus(axis.times(facing.dot(axis))).normalized();
            for (int i = 0; i < n; i++) {
                Vec3 p = Vec3.of(template, 3 * i);
                double along = p.minus(tip).dot(axis) / length; // 0 at the tip keypoint, -1 at the joint
                double lateral = p.minus(tip.plus(axis.times(along * length))).norm() / length;
                double w = window(along, -NAIL_LENGTH, 0.1, 0.08)
                    * smoothStep(0.35, 0.7, Vec3.of(normals, 3 * i).dot(facing))
                    * (1 - smoothStep(0.45, 0.7, lateral));
                nail[i] = (float) Math.max(nail[i], w);
            }
        }
        return new SkinRegions(palm, nail);
    }

    int vertexCount() {
        return palm.length;
    }

    /** Palm weight of vertex {@code i} (1 = volar skin). */
    float palm(int i) {
        return palm[i];
    }

    /** Nail weight of vertex {@code i} (1 = nail). */
    float nail(int i) {
        return nail[i];
    }

    private static double smoothStep(double from, double to, double x) {
        double t = Math.min(1, Math.max(0, (x - from) / (to - from)));
        return t * t * (3 - 2 * t);
    }

    /** 1 inside [lo, hi], falling smoothly to 0 over {@code soft} outside. */
    private static double window(double x, double lo, double hi, double soft) {
        return smoothStep(lo - soft, lo, x) * (1 - smoothStep(hi, hi + soft, x));
    }
}
