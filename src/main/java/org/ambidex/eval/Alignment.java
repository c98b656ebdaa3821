package org.ambidex.eval;

import org.ambidex.geom.Mat3;
import org.ambidex.geom.SimilarityAlignment;
import org.ambidex.geom.SimilarityTransform;
import org.ambidex.geom.Vec3;

/**
 * How a predicted hand is brought onto its ground truth before errors are measured. Each alignment yields the
 * similarity transform that maps the prediction (joints, and vertices with the same transform) into the
 * ground-truth frame; errors are then plain distances to the ground truth.
 */
public sealed interface Alignment {

    /** No alignment: absolute camera-frame errors. */
    Alignment NONE = new None();
    /** Translate so the wrists coincide (InterHand2.6M). */
    Alignment WRIST = new Root(Hands.WRIST, false);
    /** Translate so the middle-finger MCPs coincide. */
    Alignment MIDDLE_MCP = new Root(Hands.MIDDLE_MCP, false);
    /** Middle-MCP translation and wrist-to-middle-MCP length scaling (IntagHand, Zhang et al.). */
    Alignment MIDDLE_MCP_SCALED = new Root(Hands.MIDDLE_MCP, true);
    /** Wrist translation and wrist-to-middle-MCP length scaling (DIR's default). */
    Alignment WRIST_SCALED = new Root(Hands.WRIST, true);

    /**
     * The transform taking {@code predJoints} onto {@code gtJoints} (21 x 3 packed, metres); {@code valid} marks
     * the ground-truth joints an alignment that fits to several joints may use (null: all).
     *
     * @throws DegenerateHandException when the prediction gives no usable scale
     */
    SimilarityTransform fit(double[] gtJoints, double[] predJoints, boolean[] valid);

    /** A short name for reports. */
    String describe();

    /** No alignment. */
    record None() implements Alignment {
        @Override
        public SimilarityTransform fit(double[] gtJoints, double[] predJoints, boolean[] valid) {
            return SimilarityTransform.IDENTITY;
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /**
     * {@code pred' = (pred - pred[root]) * s + gt[root]}, with {@code s = |gt[9] - gt[0]| / |pred[9] - pred[0]|}
     * when {@code scaled}, else 1. (Centring both on their own root gives the same distances.)
     *
     * @param joint the root joint, OpenPose index
     * @param scaled whether to scale by the wrist-to-middle-MCP length ratio
     */
    record Root(int joint, boolean scaled) implements Alignment {
        @Override
        public SimilarityTransform fit(double[] gtJoints, double[] predJoints, boolean[] valid) {
            double s = 1;
            if (scaled) {
                double gtLength = Vec3.of(gtJoints, 3 * Hands.MIDDLE_MCP).distance(Vec3.of(gtJoints, 3 * Hands.WRIST));
                double predLength = Vec3.of(predJoints, 3 * Hands.MIDDLE_MCP)
                    .distance(Vec3.of(predJoints, 3 * Hands.WRIST));
                s = gtLength / predLength;
                if (!Double.isFinite(s)) {
                    throw new DegenerateHandException("the predicted wrist and middle-finger MCP coincide, so the "
                        + "wrist-to-MCP length scaling is undefined");
                }
            }
            Vec3 t = Vec3.of(gtJoints, 3 * joint).minus(Vec3.of(predJoints, 3 * joint).times(s));
            return new SimilarityTransform(s, Mat3.IDENTITY, t);
        }

        @Override
        public String describe() {
            String root = joint == Hands.WRIST ? "wrist" : joint == Hands.MIDDLE_MCP ? "middle MCP" : "joint " + joint;
            return root + " root" + (scaled ? ", wrist-to-middle-MCP length scale" : "");
        }
    }

    /**
     * Least-squares similarity (scale, rotation, translation) over the valid joints, with or without reflections.
     *
     * @param reflection whether a reflection may be fitted
     */
    record Procrustes(SimilarityAlignment.Reflection reflection) implements Alignment {
        @Override
        public SimilarityTransform fit(double[] gtJoints, double[] predJoints, boolean[] valid) {
            return SimilarityAlignment.fit(gtJoints, predJoints, valid, reflection);
        }

        @Override
        public String describe() {
            return "Procrustes (scale, " + (reflection == SimilarityAlignment.Reflection.ALLOW
                ? "orthogonal matrix" : "rotation") + ", translation)";
        }
    }
}
