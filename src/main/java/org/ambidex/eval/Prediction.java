package org.ambidex.eval;

import java.util.Objects;
import org.ambidex.geom.Vec3;

/**
 * A predictor's output for one frame.
 *
 * @param id the sample id it answers
 * @param right the predicted right hand, or null when the predictor says there is none
 * @param left the predicted left hand, or null
 * @param relativeRoot left wrist minus right wrist (metres, camera frame) when the predictor estimates it
 *     separately from the hands' joints, else null
 */
public record Prediction(String id, HandPrediction right, HandPrediction left, Vec3 relativeRoot) {

    public Prediction {
        Objects.requireNonNull(id, "id");
    }

    /** Hand {@code hand} (0 right, 1 left), or null. */
    public HandPrediction hand(int hand) {
        return hand == Hands.RIGHT ? right : left;
    }

    /**
     * The predicted left-minus-right wrist vector: {@link #relativeRoot()} when given, else the difference of the
     * two predicted wrists; null when neither is available (a hand without 3-D joints has no wrist).
     */
    public Vec3 leftMinusRightWrist() {
        if (relativeRoot != null) {
            return relativeRoot;
        }
        if (right == null || left == null || !right.hasJoints3d() || !left.hasJoints3d()) {
            return null;
        }
        return Vec3.of(left.jointsView(), 3 * Hands.WRIST).minus(Vec3.of(right.jointsView(), 3 * Hands.WRIST));
    }

    /**
     * Checks that every predicted hand has 3-D joints, as the 3-D protocols need.
     *
     * @throws IllegalArgumentException naming the sample, the hand and {@code protocol} when one has only 2-D joints
     */
    public void requireJoints3d(String protocol) {
        for (int h = 0; h < 2; h++) {
            HandPrediction hand = hand(h);
            if (hand != null && !hand.hasJoints3d()) {
                throw new IllegalArgumentException("sample " + id + ": the " + Hands.name(h) + " hand gives only "
                    + "\"joints_2d\"; the " + protocol + " protocol needs 3-D \"joints\"");
            }
        }
    }

    /** Presence probability used for handedness: 0 for a hand not predicted. */
    public double presence(int hand) {
        HandPrediction h = hand(hand);
        return h == null ? 0 : h.presenceOrOne();
    }
}
