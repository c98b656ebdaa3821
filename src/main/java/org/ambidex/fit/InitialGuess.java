package org.ambidex.fit;

import java.util.Arrays;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.SimilarityAlignment;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandJoint;
import org.ambidex.hand.JointOrder;

/**
 * Where the optimisation starts: the hand mean's articulation, zero betas, and the root rotation that turns the
 * model's palm (wrist and the four finger MCPs, whose definitions agree best between skeletons and which move
 * least with the fingers) onto the world landmarks' palm. A palm point far off the others' fit (a grossly wrong
 * landmark) is left out and the rotation fitted again.
 */
final class InitialGuess {

    private static final int[] PALM = {
        JointOrder.MANO16_TIPS.indexOf(HandJoint.WRIST), JointOrder.MANO16_TIPS.indexOf(HandJoint.INDEX_MCP),
        JointOrder.MANO16_TIPS.indexOf(HandJoint.MIDDLE_MCP), JointOrder.MANO16_TIPS.indexOf(HandJoint.RING_MCP),
        JointOrder.MANO16_TIPS.indexOf(HandJoint.PINKY_MCP)};
    /** A palm point this far (metres) from the first fit, and three times the median, is left out. */
    private static final double OUTLIER = 0.015;

    private InitialGuess() {
    }

    /**
     * The starting parameters.
     *
     * @param meanAngles the hand mean's anatomical angles (45), inside the limits
     * @param meanKeypoints the keypoints posed with those angles, identity root and zero betas (MANO16_TIPS order)
     * @param world the world landmarks (MANO16_TIPS order)
     */
    static double[] of(FitLayout layout, double[] meanAngles, double[] meanKeypoints, double[] world) {
        double[] x = new double[layout.size()];
        boolean[] use = new boolean[KeypointSkeleton.KEYPOINTS];
        for (int p : PALM) {
            use[p] = true;
        }
        var fit = SimilarityAlignment.fit(world, meanKeypoints, use, SimilarityAlignment.Reflection.PROPER_ROTATION);
        double[] distance = new double[PALM.length];
        double[] moved = fit.applyToPoints(meanKeypoints);
        for (int i = 0; i < PALM.length; i++) {
            int p = PALM[i];
            double dx = moved[3 * p] - world[3 * p];
            double dy = moved[3 * p + 1] - world[3 * p + 1];
            double dz = moved[3 * p + 2] - world[3 * p + 2];
            distance[i] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        int worst = 0;
        for (int i = 1; i < PALM.length; i++) {
            worst = distance[i] > distance[worst] ? i : worst;
        }
        double[] sorted = distance.clone();
        Arrays.sort(sorted);
        if (distance[worst] > OUTLIER && distance[worst] > 3 * sorted[PALM.length / 2]) {
            use[PALM[worst]] = false;
            fit = SimilarityAlignment.fit(world, meanKeypoints, use, SimilarityAlignment.Reflection.PROPER_ROTATION);
        }
        System.arraycopy(Rotations.matrixToAxisAngle(fit.rotation()).toArray(), 0, x, FitLayout.ROOT, 3);
        System.arraycopy(meanAngles, 0, x, FitLayout.ANGLES, meanAngles.length);
        // The world origin relative to the model: the mean offset once the palm is turned into place.
        double[] turned = new double[meanKeypoints.length];
        for (int p = 0; p < KeypointSkeleton.KEYPOINTS; p++) {
            System.arraycopy(fit.rotation().times(Vec3.of(meanKeypoints, 3 * p)).toArray(), 0,
                turned, 3 * p, 3);
        }
        int count = 0;
        for (int p = 0; p < KeypointSkeleton.KEYPOINTS; p++) {
            if (use[p]) {
                for (int c = 0; c < 3; c++) {
                    x[layout.offset() + c] += turned[3 * p + c] - world[3 * p + c];
                }
                count++;
            }
        }
        for (int c = 0; c < 3; c++) {
            x[layout.offset() + c] /= count;
        }
        return x;
    }
}
