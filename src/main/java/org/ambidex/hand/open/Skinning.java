package org.ambidex.hand.open;

/**
 * Linear-blend-skinning weights from the way each vertex hangs on the digit chains: along a chain, a vertex
 * belongs to the bone it lies on and blends into the neighbouring bone over a band around each joint with a
 * cubic smoothstep, so weights telescope (they are non-negative and sum to 1) and a joint bends the skin over
 * a band as wide as the digit is thick rather than at one ring.
 */
final class Skinning {

    /** Half widths (m) of the blending bands at the digits' three joints (thumb: CMC, MCP, IP). */
    static final double[][] BAND = {{0.020, 0.0075, 0.0060}, {0.018, 0.0065, 0.0055}, {0.018, 0.0065, 0.0055},
        {0.018, 0.0065, 0.0055}, {0.016, 0.0060, 0.0050}};

    private Skinning() {
    }

    /** Weights as {@code V*16} row-major (MANO joint order); each row sums to 1. */
    static double[] weights(SkinMesh mesh, RestSkeleton skeleton) {
        int n = mesh.vertexCount();
        double[] w = new double[n * 16];
        for (int v = 0; v < n; v++) {
            SkinMesh.Attachment[] at = mesh.attachments()[v];
            if (at.length == 0) {
                w[v * 16] = 1;
                continue;
            }
            for (SkinMesh.Attachment a : at) {
                double[] chain = alongChain(a.digit(), a.station(), skeleton);
                w[v * 16] += a.share() * chain[0];
                for (int k = 0; k < 3; k++) {
                    w[v * 16 + RestSkeleton.FIRST_JOINT[a.digit()] + k] += a.share() * chain[k + 1];
                }
            }
        }
        return w;
    }

    /** Weights of {root, joint 1, joint 2, joint 3} for chain coordinate {@code c} of a digit. */
    static double[] alongChain(int digit, double c, RestSkeleton skeleton) {
        double[] st = skeleton.station[digit];
        double s1 = smoothstep(c / BAND[digit][0]);
        double s2 = smoothstep((c - st[1]) / BAND[digit][1]);
        double s3 = smoothstep((c - st[2]) / BAND[digit][2]);
        return new double[] {1 - s1, s1 - s2, s2 - s3, s3};
    }

    /** Cubic smoothstep of x over [-1, 1]: 0 below -1, 1 above 1. The mesh builder fades with it too. */
    static double smoothstep(double x) {
        double t = Math.min(1, Math.max(0, (x + 1) / 2));
        return t * t * (3 - 2 * t);
    }
}
