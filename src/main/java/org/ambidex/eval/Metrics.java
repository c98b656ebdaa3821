package org.ambidex.eval;

import org.ambidex.geom.SimilarityTransform;

/**
 * Per-hand metrics on plain packed arrays (metres, 21 x 3 joints in OpenPose order, V x 3 vertices), independent
 * of datasets and protocols.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Mean joint error over the valid joints ({@code valid} null: all) after {@code alignment}; NaN if none valid. */
    public static double mpjpe(double[] gtJoints, double[] predJoints, boolean[] valid, Alignment alignment) {
        SimilarityTransform t = alignment.fit(gtJoints, predJoints, valid);
        double[] e = PointErrors.distances3d(gtJoints, t.applyToPoints(predJoints));
        double sum = 0;
        int n = 0;
        for (int j = 0; j < e.length; j++) {
            if (valid == null || valid[j]) {
                sum += e[j];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Mean vertex error after the alignment fitted on the joints (and applied to the vertices alike). */
    public static double mpvpe(double[] gtVertices, double[] predVertices, double[] gtJoints, double[] predJoints,
                               Alignment alignment) {
        SimilarityTransform t = alignment.fit(gtJoints, predJoints, null);
        double[] e = PointErrors.distances3d(gtVertices, t.applyToPoints(predVertices));
        double sum = 0;
        for (double x : e) {
            sum += x;
        }
        return sum / e.length;
    }

    /** Mean 2-D distance (pixels) between corresponding packed n x 2 points. */
    public static double meanError2d(double[] gt2d, double[] pred2d) {
        double[] e = PointErrors.distances2d(gt2d, pred2d);
        double sum = 0;
        for (double x : e) {
            sum += x;
        }
        return sum / e.length;
    }

    /** The wrist-to-middle-MCP length of a hand (metres), the scale reference of the scaled alignments. */
    public static double palmLength(double[] joints) {
        return org.ambidex.geom.Vec3.of(joints, 3 * Hands.MIDDLE_MCP).distance(org.ambidex.geom.Vec3.of(joints, 0));
    }
}
