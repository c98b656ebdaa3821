package org.ambidex.data.freihand;

import org.ambidex.geom.Intrinsics;

/**
 * One annotated FreiHAND sample (a right hand).
 *
 * @param index position in the split's annotation lists (image {@code %08d.jpg})
 * @param joints 21 x 3 packed joints, metres, camera frame, FreiHAND (= OpenPose) order
 * @param intrinsics the camera, pixels of the 224 x 224 image
 * @param vertices 778 x 3 packed MANO vertices (metres, camera frame), or null when the split has no vertex file
 */
public record FreiHandSample(int index, double[] joints, Intrinsics intrinsics, double[] vertices) {

    public FreiHandSample {
        joints = joints.clone();
        vertices = vertices == null ? null : vertices.clone();
    }

    @Override
    public double[] joints() {
        return joints.clone();
    }

    @Override
    public double[] vertices() {
        return vertices == null ? null : vertices.clone();
    }

    /** The sample's image file name without folder, {@code %08d.jpg}. */
    public String imageName() {
        return String.format(java.util.Locale.ROOT, "%08d.jpg", index);
    }
}
