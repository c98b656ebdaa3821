package org.ambidex.fit;

/**
 * Forward kinematics of the 16-joint tree as MANO defines it: the root turns about its rest position,
 * {@code G_0 = [R_0 | J_0]}, and {@code G_k = G_parent [R_k | J_k - J_parent]}.
 */
final class ForwardKinematics {

    private ForwardKinematics() {
    }

    /**
     * Global rotations (16 x 9) and joint positions (16 x 3) into {@code global} and {@code position}.
     *
     * @param rest rest joint positions (16 x 3)
     * @param rotations local rotations (16 x 9, row-major), the root's first
     */
    static void pose(int[] parents, double[] rest, double[] rotations, double[] global, double[] position) {
        System.arraycopy(rotations, 0, global, 0, 9);
        System.arraycopy(rest, 0, position, 0, 3);
        for (int k = 1; k < parents.length; k++) {
            int p = parents[k];
            Mat3Buffers.multiply(global, 9 * p, rotations, 9 * k, global, 9 * k);
            Mat3Buffers.apply(global, 9 * p, rest[3 * k] - rest[3 * p], rest[3 * k + 1] - rest[3 * p + 1],
                rest[3 * k + 2] - rest[3 * p + 2], position, 3 * k);
            for (int c = 0; c < 3; c++) {
                position[3 * k + c] += position[3 * p + c];
            }
        }
    }
}
