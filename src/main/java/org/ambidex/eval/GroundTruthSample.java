package org.ambidex.eval;

import java.util.Objects;
import org.ambidex.data.HandType;
import org.ambidex.geom.Intrinsics;

/**
 * Ground truth of one frame, as evaluation consumes it.
 *
 * @param id sample id; predictions are matched to ground truth by it
 * @param handType which hands the frame shows (decides the single / interacting split)
 * @param handTypeValid whether the hand type annotation may be used for handedness accuracy
 * @param right the right hand, or null when it is not in the frame or not annotated
 * @param left the left hand, or null
 * @param intrinsics the camera of the frame's image (for 2-D errors), or null
 */
public record GroundTruthSample(String id, HandType handType, boolean handTypeValid, HandTruth right,
                                HandTruth left, Intrinsics intrinsics) {

    public GroundTruthSample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handType, "handType");
    }

    /** Hand {@code hand} (0 right, 1 left), or null. */
    public HandTruth hand(int hand) {
        return hand == Hands.RIGHT ? right : left;
    }
}
