package org.ambidex.fit;

import java.util.Arrays;

/**
 * Where each unknown sits in the fitter's parameter vector, and its bounds:
 * <ul>
 *   <li>{@code [0, 3)} the root rotation as an axis-angle vector (camera frame; steps turn it on the left);
 *   <li>{@code [3, 48)} the anatomical angles of joints 1..15 (flexion, abduction, twist; radians), bounded by the
 *       joint limits;
 *   <li>{@code [48, 48+S)} the betas, bounded by the beta limit;
 *   <li>then 3 for the world landmarks' unknown origin relative to the model's frame (metres) and 3 for the
 *       translation in the camera (metres), both free.
 * </ul>
 * The first {@code 48 + S} are the columns of {@link KeypointSkeleton}'s Jacobian, in the same order.
 */
final class FitLayout {

    static final int ROOT = 0;
    static final int ANGLES = 3;

    private final int shapes;
    private final Range[] bounds;

    FitLayout(JointFrames frames, int shapes, double betaLimit) {
        this.shapes = shapes;
        bounds = new Range[size()];
        Arrays.fill(bounds, Range.FREE);
        for (int i = 0; i < 45; i++) {
            bounds[ANGLES + i] = frames.limit(i);
        }
        Arrays.fill(bounds, betas(), betas() + shapes, new Range(-betaLimit, betaLimit));
    }

    int shapes() {
        return shapes;
    }

    /** Number of parameters: 54 + S. */
    int size() {
        return 54 + shapes;
    }

    int betas() {
        return 48;
    }

    int offset() {
        return 48 + shapes;
    }

    int translation() {
        return 51 + shapes;
    }

    /** The range of every parameter (shared: do not modify). */
    Range[] bounds() {
        return bounds;
    }

    /**
     * The range of every parameter with the translation's depth (metres) limited to {@code depth}: a new array,
     * the other ranges shared with {@link #bounds()}.
     */
    Range[] boundsWithDepth(Range depth) {
        Range[] b = bounds.clone();
        b[translation() + 2] = depth;
        return b;
    }

    /** A mask of the parameters a stage moves: the rotation, angles and betas, and the blocks named. */
    boolean[] free(boolean articulation, boolean offset, boolean translation) {
        boolean[] f = new boolean[size()];
        Arrays.fill(f, 0, 48 + shapes, articulation);
        Arrays.fill(f, offset(), offset() + 3, offset);
        Arrays.fill(f, translation(), translation() + 3, translation);
        return f;
    }
}
