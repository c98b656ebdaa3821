package org.ambidex.hand.open;

/**
 * Turns anatomical joint angles (flexion, abduction, twist per joint, radians) into MANO pose parameters
 * using a model's {@code joint_axes}: joint j's rotation is {@code R(flex axis, f) R(abduction axis, a)
 * R(twist axis, t)}, returned as its axis-angle vector. Works for either side: the left model's axes are
 * mirrored so the same angles give the mirrored motion.
 */
public final class AnatomicalPose {

    private AnatomicalPose() {
    }

    /**
     * @param jointAxes {@code 16*3*3} axes as stored in the model file (rows: flexion, abduction, twist)
     * @param angles {@code [16][3]} radians; row 0 is the global orientation about the wrist's axes
     * @return 48 axis-angle values (global orientation then joints 1..15), MANO order
     */
    public static double[] toAxisAngles(double[] jointAxes, double[][] angles) {
        if (jointAxes.length != 144 || angles.length != 16) {
            throw new IllegalArgumentException("expected 16 joints of axes (144 values) and 16 angle triples");
        }
        double[] pose = new double[48];
        for (int j = 0; j < 16; j++) {
            double[] r = RotationArrays.multiply(RotationArrays.about(axis(jointAxes, j, 0), angles[j][0]),
                RotationArrays.multiply(RotationArrays.about(axis(jointAxes, j, 1), angles[j][1]),
                    RotationArrays.about(axis(jointAxes, j, 2), angles[j][2])));
            double[] w = RotationArrays.toAxisAngle(r);
            System.arraycopy(w, 0, pose, 3 * j, 3);
        }
        return pose;
    }

    private static double[] axis(double[] axes, int joint, int row) {
        int o = joint * 9 + row * 3;
        return new double[] {axes[o], axes[o + 1], axes[o + 2]};
    }
}
