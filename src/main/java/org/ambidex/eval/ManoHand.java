package org.ambidex.eval;

/**
 * Ground truth of one hand computed from its MANO parameters (camera frame, metres), in the two joint flavours the
 * references use.
 *
 * @param vertices V x 3 packed mesh vertices
 * @param skeletonJoints 21 x 3 packed joints, OpenPose order: the posed skeleton joints of the hand model (smplx's
 *     16 MANO joints) and the fingertip vertices 745, 317, 444, 556, 673, as Zhang et al. take them
 * @param meshJoints 21 x 3 packed joints, OpenPose order: {@link ManoJointRegressor} applied to the posed mesh, as
 *     IntagHand and DIR take them
 */
public record ManoHand(double[] vertices, double[] skeletonJoints, double[] meshJoints) {

    public ManoHand {
        Checks.points(vertices, -1, "MANO vertices");
        Checks.points(skeletonJoints, Hands.JOINTS, "MANO skeleton joints");
        Checks.points(meshJoints, Hands.JOINTS, "MANO mesh joints");
        vertices = vertices.clone();
        skeletonJoints = skeletonJoints.clone();
        meshJoints = meshJoints.clone();
    }

    @Override
    public double[] vertices() {
        return vertices.clone();
    }

    @Override
    public double[] skeletonJoints() {
        return skeletonJoints.clone();
    }

    @Override
    public double[] meshJoints() {
        return meshJoints.clone();
    }

    /** This hand as protocol ground truth: the chosen joints, the annotation's validity, the mesh. */
    HandTruth asTruth(boolean meshRegressed, boolean[] jointValid) {
        return new HandTruth(meshRegressed ? meshJoints : skeletonJoints, jointValid, vertices);
    }
}
