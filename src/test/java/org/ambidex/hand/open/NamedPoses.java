package org.ambidex.hand.open;

/** Anatomical poses used by tests and previews, as joint angles in degrees {@code [16][3]}. */
final class NamedPoses {

    private NamedPoses() {
    }

    static double[][] rest() {
        return new double[16][3];
    }

    static double[][] fist() {
        double[][] a = new double[16][3];
        for (int d = 1; d < 5; d++) {
            int j = RestSkeleton.FIRST_JOINT[d];
            a[j][0] = 85;
            a[j + 1][0] = 95;
            a[j + 2][0] = 65;
        }
        a[13] = new double[] {30, -10, 10};
        a[14][0] = 40;
        a[15][0] = 50;
        return a;
    }

    static double[][] point() {
        double[][] a = fist();
        a[1] = new double[3];
        a[2] = new double[3];
        a[3] = new double[3];
        return a;
    }

    static double[][] pinch() {
        double[][] a = new double[16][3];
        for (int d = 2; d < 5; d++) {
            int j = RestSkeleton.FIRST_JOINT[d];
            a[j][0] = 20 + 8 * d;
            a[j + 1][0] = 30 + 6 * d;
            a[j + 2][0] = 20;
        }
        a[1] = new double[] {40, 0, 0};
        a[2] = new double[] {55, 0, 0};
        a[3] = new double[] {35, 0, 0};
        a[13] = new double[] {33, 10, 10};
        a[14][0] = 35;
        a[15][0] = 30;
        return a;
    }

    static double[][] spread() {
        double[][] a = new double[16][3];
        a[1][1] = 18;
        a[7][1] = -28;
        a[10][1] = -15;
        a[13][1] = 28;
        return a;
    }

    /** Fingers wrapped around the other hand's back, thumb along it. */
    static double[][] clasp() {
        double[][] a = new double[16][3];
        for (int d = 1; d < 5; d++) {
            int j = RestSkeleton.FIRST_JOINT[d];
            a[j][0] = 70;
            a[j + 1][0] = 75;
            a[j + 2][0] = 40;
        }
        a[13] = new double[] {10, 20, 0};
        a[14][0] = 10;
        a[15][0] = 10;
        return a;
    }

    static double[] toPose(OpenHandModelData m, double[][] degrees) {
        double[][] rad = new double[16][3];
        for (int j = 0; j < 16; j++) {
            for (int k = 0; k < 3; k++) {
                rad[j][k] = Math.toRadians(degrees[j][k]);
            }
        }
        return AnatomicalPose.toAxisAngles(m.jointAxes(), rad);
    }
}
