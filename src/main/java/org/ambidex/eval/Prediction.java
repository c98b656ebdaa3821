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
     * two predicted wrists; null when neither is available.
     */
    public Vec3 leftMinusRightWrist() {
        if (relativeRoot != null) {
            return relativeRoot;
        }
        if (right == null || left == null) {
            return null;
        }
        return Vec3.of(left.jointsView(), 3 * Hands.WRIST).minus(Vec3.of(right.jointsView(), 3 * Hands.WRIST));
    }

    /** Presence probability used for handedness: 0 for a hand not predicted. */
    public double presence(int hand) {
        HandPrediction h = hand(hand);
        return h == null ? 0 : h.presenceOrOne();
    }
}
